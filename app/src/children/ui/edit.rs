//! The editor of a child's file.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{child_id, class_text};
use crate::auth::permissions::Capability;
use crate::children::api::get_child;
use crate::children::domain::MAX_WORK_PLACE_CHARS;
use crate::children::types::ChildFile;
use crate::children::types::Gender;
use crate::children::types::LeftBehind;
use crate::children::types::ParentsAway;
use crate::children::types::Relation;
use crate::error::AppError;
use crate::page::use_strings;
use crate::page::{page_gate, Flash};
use crate::school::types::ClassLabel;

#[component]
pub fn EditChildPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::WriteChildFile) {
        return denied;
    }
    let id = child_id();
    let file = Resource::new(
        move || id,
        |id| async move {
            let classes = crate::children::api::list_classes().await?;
            let file = if id == 0 {
                None
            } else {
                Some(get_child(id).await?)
            };
            Ok::<_, AppError>((file, classes))
        },
    );
    view! {
        <Title text=format!("{} · {}", if id == 0 { t.children.new_child } else { t.children.edit_child }, t.common.app_name)/>
        <section class="card">
            <h1>{if id == 0 { t.children.new_child } else { t.children.edit_child }}</h1>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match file.await {
                        Ok((file, classes)) => view! { <ChildForm file classes/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn ChildForm(file: Option<ChildFile>, classes: Vec<(i64, ClassLabel)>) -> impl IntoView {
    let t = use_strings();
    let f = file.clone();
    let text = |v: Option<String>| v.unwrap_or_default();
    let date = |v: Option<chrono::NaiveDate>| {
        v.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let (id, version) = f.as_ref().map_or((0, 0), |f| (f.id, f.version));
    let class_id = f.as_ref().map(|f| f.class_id);
    let gender = f.as_ref().and_then(|f| f.gender);
    let status = f
        .as_ref()
        .and_then(|f| f.left_behind)
        .unwrap_or(LeftBehind::None);
    let away = f
        .as_ref()
        .and_then(|f| f.parents_away)
        .unwrap_or(ParentsAway::None);
    // A mainland mobile or landline, or a number abroad: the browser's own check (the server
    // parses again). Each class's `-`, `(` and `)` is escaped: browsers read `pattern` with
    // the `v` flag and ignore a pattern it refuses.
    let phone_pattern = r"(\+?86)?[ \-]?1[3-9][0-9 \-]{9,12}|[\(（]?0[0-9]{2,3}[\)）]?[ \-]?[1-9][0-9]{6,7}|(\+|00)[1-9][0-9 \-]{6,20}";
    let guardian = |i: usize| f.as_ref().and_then(|f| f.guardians.get(i).cloned());
    let guardian_fields = move |i: usize| {
        let g = guardian(i);
        let prefix = format!("g{}", i + 1);
        let relation = g.as_ref().map(|g| g.relation);
        view! {
            <fieldset class="inline-form guardian">
                <legend>{t.children.guardians_label}" "{i + 1}</legend>
                <label>{t.children.guardian_name}<input name=format!("{prefix}_name") maxlength="20" value=g.as_ref().map(|g| g.name.clone()).unwrap_or_default()/></label>
                <label>{t.children.relation_label}
                    <select name=format!("{prefix}_relation")>
                        {Relation::ALL.into_iter().map(|r| view! { <option value=r.key() selected=relation == Some(r)>{r.label(t)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t.children.phone_label}<input name=format!("{prefix}_phone") type="tel" inputmode="tel" pattern=phone_pattern title=t.children.phone_invalid value=g.as_ref().and_then(|g| g.phone.clone()).unwrap_or_default()/></label>
                <label>{t.children.address_label}<input name=format!("{prefix}_address") maxlength="100" value=g.as_ref().and_then(|g| g.address.clone()).unwrap_or_default()/></label>
            </fieldset>
        }
    };
    let messages = crate::form_check::messages(&CHILD_FORM_ERRORS, t);
    #[cfg(feature = "ssr")]
    let today = crate::state::AppState::from_context()
        .map(|s| s.today().format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let today = String::new();
    let form = view! {
        <form method="post" action="/api/children/save" class="stack child-form" data-today=today>
            {messages}
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="version" value=version.to_string()/>
            <div class="inline-form">
                <label>{t.common.child_name}<input name="name" required maxlength="20" value=text(f.as_ref().map(|f| f.name.clone()))/></label>
                <label>{t.children.child_gender}
                    <select name="gender" required>
                        <option value="female" selected=gender == Some(Gender::Female)>{t.children.gender_female}</option>
                        <option value="male" selected=gender == Some(Gender::Male)>{t.children.gender_male}</option>
                    </select>
                </label>
                <label>{t.children.child_birth_date}<input name="birth_date" type="date" required value=date(f.as_ref().and_then(|f| f.birth_date))/></label>
                <label class="check"><input type="checkbox" name="lunar_birthday" value="lunar" checked=f.as_ref().and_then(|f| f.lunar_birthday) == Some(true)/>{t.children.child_lunar_birthday}</label>
                <label>{t.common.child_class}
                    <select name="class_id" required>
                        {classes.into_iter().map(|(cid, label)| view! { <option value=cid.to_string() selected=class_id == Some(cid)>{class_text(t, label)}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="inline-form">
                <label>{t.children.left_behind_label}
                    <select name="left_behind">
                        {LeftBehind::ALL.into_iter().map(|s| view! { <option value=s.key() selected=s == status>{s.label(t)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t.children.parents_away_label}
                    <select name="parents_away">
                        {ParentsAway::ALL.into_iter().map(|p| view! { <option value=p.key() selected=p == away>{p.label(t)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t.children.work_province}<input name="work_province" maxlength="20" value=text(f.as_ref().and_then(|f| f.work_province.clone()))/></label>
                <label>{t.children.work_city}<input name="work_city" maxlength="20" value=text(f.as_ref().and_then(|f| f.work_city.clone()))/></label>
                <label>{t.children.mother_work_place}<input name="mother_work_place" maxlength=MAX_WORK_PLACE_CHARS.to_string() value=text(f.as_ref().and_then(|f| f.mother_work_place.clone()))/></label>
                <label>{t.children.away_since}<input name="away_since" type="date" value=date(f.as_ref().and_then(|f| f.away_since))/></label>
            </div>
            {guardian_fields(0)}
            {guardian_fields(1)}
            <h2>{t.children.contact_card}</h2>
            <label>{t.children.home_address}<input name="home_address" maxlength="100" value=text(f.as_ref().and_then(|f| f.home_address.clone()))/></label>
            <div class="inline-form">
                <label>{t.children.father_phone}<input name="father_phone" type="tel" inputmode="tel" pattern=phone_pattern title=t.children.phone_invalid value=text(f.as_ref().and_then(|f| f.father_phone.clone()))/></label>
                <label>{t.children.mother_phone}<input name="mother_phone" type="tel" inputmode="tel" pattern=phone_pattern title=t.children.phone_invalid value=text(f.as_ref().and_then(|f| f.mother_phone.clone()))/></label>
                <label>{t.children.emergency_contact}<input name="emergency_contact" maxlength="20" value=text(f.as_ref().and_then(|f| f.emergency_contact.clone()))/></label>
                <label>{t.children.emergency_phone}<input name="emergency_phone" type="tel" inputmode="tel" pattern=phone_pattern title=t.children.phone_invalid value=text(f.as_ref().and_then(|f| f.emergency_phone.clone()))/></label>
            </div>
            <label>{t.children.notes_label}<textarea name="notes" rows="3" maxlength="500">{text(f.as_ref().and_then(|f| f.notes.clone()))}</textarea></label>
            <label>{t.children.consent_date}<input name="consent_date" type="date" value=date(f.as_ref().and_then(|f| f.consent.as_ref().map(|c| c.0)))/></label>
            <button type="submit" class="button primary">{t.common.save}</button>
        </form>
    }
    .into_any();
    view! { <crate::form_check::FormCheck>{form}</crate::form_check::FormCheck> }
}

/// The problems the child's form can have, for its in-browser check.
const CHILD_FORM_ERRORS: [crate::error::ValidationError; 12] = {
    use crate::error::ValidationError as E;
    [
        E::NameInvalid,
        E::GenderInvalid,
        E::BirthDateInvalid,
        E::BirthDateOutOfRange,
        E::InvalidDate,
        E::DateOutOfRange,
        E::DateAfterToday,
        E::LeftBehindInvalid,
        E::LeftBehindMismatch,
        E::RelationInvalid,
        E::PhoneInvalid,
        E::TextTooLong,
    ]
};
