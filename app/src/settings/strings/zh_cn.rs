use super::Strings;

pub static ZH_CN: Strings = Strings {
    nav: "学校信息",
    title: "学校信息",
    unset: "学校名称还没有填写：页面顶部、奖状和年度总结都还没有学校名称。",
    unset_short: "学校简称还没有填写：页面顶部还没有学校名称。",
    name: "学校全称",
    name_hint: "印在奖状、考核表和年度总结上，例如“廉江市城南街道深水洞村小学”。",
    short_name: "学校简称",
    short_name_en: "英文简称（可不填）",
    short_name_hint: "显示在每个页面的顶部；英文界面用英文简称，没有则用中文简称。",
    phone: "学校电话",
    phone_hint: "家长页面和公开账目上给家长、捐助人的联系电话，可不填。",
    name_invalid: "请填写学校全称（60 字以内）和简称（20 字以内）；英文简称不超过 40 个字符。",
    phone_invalid: "电话只能包含数字、空格、“-”“+”和括号，不超过 30 个字符。",
};
