use super::Strings;

pub static EN: Strings = Strings {
    nav: "School",
    title: "School details",
    unset: "The school's name is not set yet: the header, certificates and the year's summary name no school.",
    unset_short: "The school's short name is not set yet: the header names no school.",
    name: "Registered name",
    name_hint: "Printed on certificates, assessment sheets and the year's summary.",
    short_name: "Short name",
    short_name_en: "Short name in English (optional)",
    short_name_hint: "Shown at the top of every page; the English pages use the English name when there is one.",
    phone: "School phone",
    phone_hint: "The number parents and donors are given on their pages; optional.",
    name_invalid: "Give the registered name (at most 60 characters) and a short name (at most 20); the English short name at most 40.",
    phone_invalid: "A phone number may hold digits, spaces, '-', '+' and brackets, at most 30 characters.",
};
