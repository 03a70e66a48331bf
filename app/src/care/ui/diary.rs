//! The growth diary (成长日记): one timeline per child of the counselor's entries, the
//! child's own and the replies. A student sees its own diary and the replies in large type,
//! never the care log.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{label, sticker_choice};
use crate::auth::permissions::Capability;
use crate::care::api::get_my_diary;
use crate::care::types::{DiaryItem, Sticker};
use crate::page::{page_gate, use_strings, Flash};

/// A child's diary on its care record, with the counselor's forms when they may write.
#[component]
pub fn DiaryList(
    child: i64,
    entries: Vec<DiaryItem>,
    new_uid: String,
    writes: bool,
) -> impl IntoView {
    let t = use_strings();
    let empty = entries.is_empty();
    let uid = new_uid.clone();
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let reply = (writes && item.by_child).then(|| {
                view! {
                    <form method="post" action="/api/care/diary" class="inline-form no-print reply-form">
                        <input type="hidden" name="child" value=child.to_string()/>
                        <input type="hidden" name="reply_to" value=item.id.to_string()/>
                        <input type="hidden" name="uid" value=format!("{uid}-r{i}")/>
                        <label>{t.care.reply}<input name="body" required maxlength="2000"/></label>
                        <button type="submit" class="button">{t.care.reply_button}</button>
                    </form>
                }
            });
            view! { <DiaryEntry item reply=reply.map(IntoAny::into_any)/> }
        })
        .collect_view();
    view! {
        <h2 id="diary">{t.care.diary_title}</h2>
        {empty.then(|| view! { <p>{t.care.diary_empty}</p> })}
        <ol class="diary" data-testid="diary">{items}</ol>
        {writes.then(|| view! {
            <form method="post" action="/api/care/diary" class="stack no-print diary-form">
                <input type="hidden" name="child" value=child.to_string()/>
                <input type="hidden" name="uid" value=format!("{new_uid}-d")/>
                <label>{t.care.diary_write}<textarea name="body" rows="3" required maxlength="2000"></textarea></label>
                <button type="submit" class="button">{t.care.diary_save}</button>
            </form>
        })}
    }
}

/// One entry with its replies. On the child's own page (`mine`) an entry the child wrote
/// says only when: not the shared tablet's account name, nor that a child wrote it.
#[component]
fn DiaryEntry(
    item: DiaryItem,
    reply: Option<AnyView>,
    #[prop(optional)] mine: bool,
) -> impl IntoView {
    let t = use_strings();
    let replies = item
        .replies
        .iter()
        .map(|r| view! {
            <li class="diary-reply"><p>{r.body.clone()}</p><p class="muted">{r.author.clone()}" · "{r.written_at.clone()}</p></li>
        })
        .collect_view();
    view! {
        <li class="diary-entry" class:by-child=item.by_child>
            {item.sticker.map(|s| view! { <p class="sticker-shown">{label(Sticker::ALL, &t.care.sticker_labels, s)}</p> })}
            <p class="diary-body">{item.body.clone()}</p>
            {item.picture.then(|| view! {
                <img class="diary-picture" src=format!("/diary/picture/{}", item.id) alt=t.care.picture_alt loading="lazy"/>
            })}
            <p class="muted">
                {if mine && item.by_child {
                    item.written_at.clone()
                } else {
                    format!("{} · {}", item.author, item.written_at)
                }}
                {(item.by_child && !mine).then(|| format!(" · {}", t.care.by_child))}
            </p>
            <ul class="diary-replies">{replies}</ul>
            {reply}
        </li>
    }
}

/// A student's own diary, on the class tablet: large type, a sticker, the replies.
#[component]
pub fn MyDiaryPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::OwnDiary) {
        return denied;
    }
    let diary = Resource::new(|| (), |_| get_my_diary());
    view! {
        <Title text=format!("{} · {}", t.care.my_diary_title, t.common.app_name)/>
        <section class="card my-diary">
            <Flash/>
            <h1>{t.care.my_diary_title}</h1>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match diary.await {
                        Ok(diary) => {
                            let empty = diary.entries.is_empty();
                            let items = diary
                                .entries
                                .into_iter()
                                .map(|item| view! { <DiaryEntry item reply=None mine=true/> })
                                .collect_view();
                            view! {
                                <crate::native_submit::NativeSubmit>
                                    <form method="post" action="/api/diary/write" enctype="multipart/form-data" class="stack diary-form">
                                        <input type="hidden" name="uid" value=diary.new_uid/>
                                        <label>{t.care.diary_write}
                                            <textarea name="body" rows="4" required maxlength="2000" placeholder=t.care.diary_placeholder></textarea>
                                        </label>
                                        <fieldset class="stickers"><legend>{t.care.sticker}</legend>{sticker_choice(t)}</fieldset>
                                        <label>{t.care.picture_label}{crate::native_submit::picture_input(false, t.care.picture_too_large)}</label>
                                        <button type="submit" class="button primary big">{t.care.diary_save}</button>
                                    </form>
                                </crate::native_submit::NativeSubmit>
                                {empty.then(|| view! { <p>{t.care.diary_empty}</p> })}
                                <ol class="diary" data-testid="diary">{items}</ol>
                            }
                            .into_any()
                        }
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}
