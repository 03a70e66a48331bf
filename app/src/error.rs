//! The one error type of every server function. What crosses the wire is what the user
//! may know; database and other unexpected detail stays in the server log.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::Strings;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Bad input; the payload is a message key the UI translates.
    #[error("validation failed: {0:?}")]
    Validation(ValidationError),
    #[error("not found")]
    NotFound,
    #[error("conflict: the record changed since it was read")]
    Conflict,
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// Something unexpected on the server; details are in its log only.
    #[error("internal error")]
    Internal,
    /// Sign-in refused: unknown user and wrong password get this same answer.
    #[error("bad credentials")]
    BadCredentials,
    /// Too many failed sign-ins; try again after this many seconds.
    #[error("too many attempts")]
    TooManyAttempts(u64),
    /// So many sign-ins at once that their password checks would exhaust the server; try
    /// again in a moment. Nothing was checked or counted.
    #[error("sign-in busy")]
    SignInBusy,
    /// The audit log could not be written, so children's data is not shown or changed.
    #[error("audit log unavailable")]
    AuditUnavailable,
    /// The request never reached the function or its answer never came back.
    #[error("transport: {0}")]
    Transport(String),
}

/// The header of a refused request that says why in the user's words (percent-encoded):
/// the outbox shows it beside an entry the server did not take.
pub const REASON_HEADER: &str = "x-hope-reason";

/// What was wrong with the input, in words the UI can translate. One byte each: the form
/// checker finds a message by its number (`form_check`), so more than 256 will not build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[repr(u8)]
pub enum ValidationError {
    InvalidDate,
    /// A well-formed date outside the years the school can record.
    DateOutOfRange,
    /// A well-formed date after today where only past days are recorded.
    DateAfterToday,
    /// A well-formed date before today where only coming days are planned.
    DateBeforeToday,
    InvalidView,
    InvalidFilter,
    HolidayNameInvalid,
    /// The month's group birthday party is on the calendar already.
    PartyAlreadyPlanned,
    /// The school's registered or short name is missing or too long.
    SchoolNameInvalid,
    /// The school's phone is not one.
    SchoolPhoneInvalid,
    InvalidTime,
    TitleInvalid,
    EndBeforeStart,
    RuleInvalid,
    /// The rule would put more than 1,000 occurrences in one year.
    TooManyOccurrences,
    UsernameInvalid,
    UsernameTaken,
    DisplayNameInvalid,
    PasswordTooShort,
    PasswordTooLong,
    PasswordMismatch,
    CurrentPasswordWrong,
    UnknownRole,
    /// An admin may not demote or deactivate their own account (the school would lose its admin).
    CannotChangeSelf,
    /// The request's arguments could not be read at all.
    Malformed,
    /// An uploaded file is not an iCalendar file this app can read.
    FileUnreadable,
    /// An uploaded file has nothing to import.
    FileEmpty,
    /// An uploaded file has more rows or events than one import takes.
    FileTooLarge,
    /// A picture over the upload limit.
    PictureTooLarge,
    /// An event in an imported file has no start.
    MissingStart,
    /// Some rows of an import have problems: nothing is imported until they are fixed.
    ImportHasProblems,
    /// The same entry appears twice in one file.
    DuplicateInFile,
    PhoneInvalid,
    TextTooLong,
    NameInvalid,
    GenderInvalid,
    BirthDateInvalid,
    /// A well-formed date of birth that is after today or too long ago for a pupil.
    BirthDateOutOfRange,
    LeftBehindInvalid,
    /// The left-behind status does not match which parents are away.
    LeftBehindMismatch,
    RelationInvalid,
    ClassInvalid,
    /// A column the roster needs is missing (name, gender, birth date, class).
    MissingColumn,
    NotANumber,
    HeightImplausible,
    WeightImplausible,
    VisionImplausible,
    CariesImplausible,
    /// Examined, with no result written.
    NothingMeasured,
    FollowUpDueInvalid,
    /// Closing a follow-up needs a note of what was done.
    NoteRequired,
    /// An uploaded roster is neither CSV nor XLSX.
    RosterUnreadable,
    /// The same child (name and date of birth) twice in one roster.
    ChildTwiceInFile,
    /// A checkup roster needs at least one class.
    ClassesRequired,
    CareKindInvalid,
    /// A contact is recorded on a day from a year ago up to today.
    CareDateInvalid,
    MinutesInvalid,
    WithWhomInvalid,
    /// A contact serves at least one of the three priorities.
    PrioritiesRequired,
    MoodInvalid,
    /// A next step's due date is on or after the contact, and needs a next step.
    NextDueInvalid,
    /// The id a form made for its entry is missing or malformed.
    EntryIdInvalid,
    ConcernInvalid,
    /// Raising a concern needs a note of what was noticed.
    ConcernNoteRequired,
    /// Closing a concern needs a note of what was done.
    ConcernClosingNoteRequired,
    AddressByInvalid,
    DiaryBodyRequired,
    StickerInvalid,
    /// The chosen account is not a counselor, or the child needs no counselor.
    PairingInvalid,
    /// A new pairing would start before the child's current one did.
    PairingBeforeCurrent,
    /// The rhythm of care: a talk every 1–120 days, a home visit every 7–365.
    RhythmInvalid,
    /// A diary picture that is not a JPEG or PNG this app can read (or far too large).
    PictureUnreadable,
    /// A class check-in's ticks are not `child:habit` of a known habit.
    CheckInInvalid,
    /// A habit day is in the term behind today (an excuse may be planned ahead).
    HabitDayInvalid,
    /// A class check-in is made up for the last seven days at most, never ahead.
    CheckInDayInvalid,
    BookTitleRequired,
    CallWithWhomRequired,
    ExcuseInvalid,
    /// An excused day is in the term behind today, or up to two months ahead.
    ExcuseDayInvalid,
    /// An excuse's last day is before its first.
    LastDayBeforeFirst,
    /// A call window needs at least one weekday.
    CallDaysRequired,
    CallZoneInvalid,
    /// A nomination's statement is missing.
    StatementRequired,
    /// The term's award criteria are missing.
    CriteriaRequired,
    /// An assessment scheme's weights are whole points that add up to 100.
    SchemeWeights,
    SchemePenalty,
    /// A score above the criterion's weight, or an unknown criterion.
    MarkInvalid,
    AnswerRequired,
    /// A sheet is signed or answered once it is closed.
    SheetOpen,
    /// Not a month (`2027-03`) or a semester (`2026-spring`) that can be assessed.
    PeriodInvalid,
    /// A period is closed once it is over.
    PeriodNotOver,
    /// Closing a period is final: the form's "checked, cannot be changed" box is ticked.
    CloseNotConfirmed,
    MessageRequired,
    /// A family's proposal names the father or the mother.
    ParentInvalid,
    /// A family's proposal changes nothing.
    ProposalEmpty,
    /// A family's link sent its day's share of messages.
    TooManyToday,
    /// A family chose a time to call but no day for it.
    CallDaysForTime,
    SampleInvalid,
    OutcomeInvalid,
    /// Evidence chosen that the nomination form did not offer.
    EvidenceInvalid,
    /// An amount of money that is not a positive number of yuan with at most two decimals.
    AmountInvalid,
    /// A ledger day in a year whose accounts are closed (donors have seen its figures).
    LedgerYearClosed,
    HoursInvalid,
    FundsTextRequired,
    MeetingTextRequired,
    PracticeOwnerInvalid,
    /// A practice agreed at a meeting falls due before the meeting.
    DueBeforeMeeting,
    /// Families are recorded for a parents' meeting only.
    NotParentsMeeting,
    /// A reversal, or a line already reversed, cannot be reversed.
    CannotReverse,
    FundNameTaken,
    InstalmentsInvalid,
    DonorInvalid,
    FundInvalid,
    PledgeInvalid,
    NeedInvalid,
    /// The fund does not hold enough for this payment.
    FundShort,
    ReceiptRequired,
    /// Aid asked for a checkup follow-up that is already closed.
    FollowUpClosed,
    /// Aid already asked (and not declined) for the same checkup follow-up.
    AidAlreadyAsked,
    /// An earmarked fund pays only for its own need.
    FundPurpose,
    /// Only a gift, goods or hours of a named donor, not reversed, is thanked for.
    CannotThank,
    /// A family's work place with no word in it (emoji, digits, signs): no place to file.
    WorkPlaceUnnamed,
    /// A score given in place of the compiled one, with no comment saying why.
    MarkNeedsComment,
}

impl ValidationError {
    pub fn message(self, t: &Strings) -> &'static str {
        match self {
            ValidationError::InvalidDate => t.common.invalid_date,
            ValidationError::DateOutOfRange => t.common.date_out_of_range,
            ValidationError::DateAfterToday => t.common.date_after_today,
            ValidationError::DateBeforeToday => t.common.date_before_today,
            ValidationError::InvalidView => t.calendar.invalid_view,
            ValidationError::InvalidFilter => t.common.invalid_filter,
            ValidationError::HolidayNameInvalid => t.calendar.holiday_name_invalid,
            ValidationError::PartyAlreadyPlanned => t.calendar.party_already_planned,
            ValidationError::SchoolNameInvalid => t.settings.name_invalid,
            ValidationError::SchoolPhoneInvalid => t.settings.phone_invalid,
            ValidationError::InvalidTime => t.common.invalid_time,
            ValidationError::TitleInvalid => t.calendar.title_invalid,
            ValidationError::EndBeforeStart => t.calendar.end_before_start,
            ValidationError::RuleInvalid => t.calendar.rule_invalid,
            ValidationError::TooManyOccurrences => t.calendar.too_many_occurrences,
            ValidationError::UsernameInvalid => t.auth.username_invalid,
            ValidationError::UsernameTaken => t.auth.username_taken,
            ValidationError::DisplayNameInvalid => t.auth.display_name_invalid,
            ValidationError::PasswordTooShort => t.auth.password_too_short,
            ValidationError::PasswordTooLong => t.auth.password_too_long,
            ValidationError::PasswordMismatch => t.auth.password_mismatch,
            ValidationError::CurrentPasswordWrong => t.auth.current_password_wrong,
            ValidationError::UnknownRole => t.common.error_validation,
            ValidationError::CannotChangeSelf => t.auth.cannot_change_self,
            ValidationError::Malformed => t.common.error_malformed,
            ValidationError::FileUnreadable => t.common.file_unreadable,
            ValidationError::FileEmpty => t.common.file_empty,
            ValidationError::FileTooLarge => t.common.file_too_large,
            ValidationError::PictureTooLarge => t.care.picture_too_large,
            ValidationError::MissingStart => t.calendar.missing_start,
            ValidationError::ImportHasProblems => t.common.import_has_problems,
            ValidationError::DuplicateInFile => t.calendar.duplicate_in_file,
            ValidationError::PhoneInvalid => t.children.phone_invalid,
            ValidationError::TextTooLong => t.common.text_too_long,
            ValidationError::NameInvalid => t.children.name_invalid,
            ValidationError::GenderInvalid => t.children.gender_invalid,
            ValidationError::BirthDateInvalid => t.children.birth_date_invalid,
            ValidationError::BirthDateOutOfRange => t.children.birth_date_out_of_range,
            ValidationError::LeftBehindInvalid => t.children.left_behind_invalid,
            ValidationError::LeftBehindMismatch => t.children.left_behind_mismatch,
            ValidationError::RelationInvalid => t.children.relation_invalid,
            ValidationError::ClassInvalid => t.common.class_invalid,
            ValidationError::MissingColumn => t.children.missing_column,
            ValidationError::NotANumber => t.checkup.not_a_number,
            ValidationError::HeightImplausible => t.checkup.height_implausible,
            ValidationError::WeightImplausible => t.checkup.weight_implausible,
            ValidationError::VisionImplausible => t.checkup.vision_implausible,
            ValidationError::CariesImplausible => t.checkup.caries_implausible,
            ValidationError::NothingMeasured => t.checkup.nothing_measured,
            ValidationError::FollowUpDueInvalid => t.checkup.follow_up_due_invalid,
            ValidationError::NoteRequired => t.checkup.note_required,
            ValidationError::ClassesRequired => t.checkup.classes_required,
            ValidationError::RosterUnreadable => t.children.roster_unreadable,
            ValidationError::ChildTwiceInFile => t.children.child_twice_in_file,
            ValidationError::CareKindInvalid => t.care.kind_invalid,
            ValidationError::CareDateInvalid => t.care.date_invalid,
            ValidationError::MinutesInvalid => t.care.minutes_invalid,
            ValidationError::WithWhomInvalid => t.care.with_whom_invalid,
            ValidationError::PrioritiesRequired => t.care.priorities_required,
            ValidationError::MoodInvalid => t.care.mood_invalid,
            ValidationError::NextDueInvalid => t.care.next_due_invalid,
            ValidationError::EntryIdInvalid => t.common.error_validation,
            ValidationError::ConcernInvalid => t.care.concern_invalid,
            ValidationError::ConcernNoteRequired => t.care.concern_note_required,
            ValidationError::ConcernClosingNoteRequired => t.care.closing_note_required,
            ValidationError::AddressByInvalid => t.care.address_by_invalid,
            ValidationError::DiaryBodyRequired => t.care.diary_body_required,
            ValidationError::StickerInvalid => t.care.sticker_invalid,
            ValidationError::PairingInvalid => t.care.pairing_invalid,
            ValidationError::PairingBeforeCurrent => t.care.pairing_before_current,
            ValidationError::RhythmInvalid => t.care.rhythm_invalid,
            ValidationError::PictureUnreadable => t.care.picture_unreadable,
            ValidationError::CheckInInvalid => t.habits.check_in_invalid,
            ValidationError::HabitDayInvalid => t.habits.day_invalid,
            ValidationError::CheckInDayInvalid => t.habits.check_in_day_invalid,
            ValidationError::BookTitleRequired => t.habits.book_title_required,
            ValidationError::CallWithWhomRequired => t.habits.call_with_whom_required,
            ValidationError::ExcuseInvalid => t.habits.excuse_invalid,
            ValidationError::ExcuseDayInvalid => t.habits.excuse_day_invalid,
            ValidationError::LastDayBeforeFirst => t.habits.last_day_before_first,
            ValidationError::CallDaysRequired => t.habits.call_days_required,
            ValidationError::CallZoneInvalid => t.habits.call_zone_invalid,
            ValidationError::StatementRequired => t.awards.statement_required,
            ValidationError::CriteriaRequired => t.awards.criteria_required,
            ValidationError::SchemeWeights => t.assessment.scheme_weights,
            ValidationError::SchemePenalty => t.assessment.scheme_penalty,
            ValidationError::MarkInvalid => t.assessment.mark_invalid,
            ValidationError::AnswerRequired => t.assessment.answer_required,
            ValidationError::SheetOpen => t.assessment.sheet_open,
            ValidationError::PeriodInvalid => t.assessment.period_invalid,
            ValidationError::PeriodNotOver => t.assessment.period_not_over,
            ValidationError::CloseNotConfirmed => t.assessment.close_not_confirmed,
            ValidationError::MessageRequired => t.family.message_required,
            ValidationError::ParentInvalid => t.family.parent_invalid,
            ValidationError::ProposalEmpty => t.family.proposal_empty,
            ValidationError::TooManyToday => t.family.too_many_today,
            ValidationError::CallDaysForTime => t.family.call_days_for_time,
            ValidationError::SampleInvalid => t.assessment.sample_invalid,
            ValidationError::OutcomeInvalid => t.assessment.outcome_invalid,
            ValidationError::EvidenceInvalid => t.awards.evidence_invalid,
            ValidationError::AmountInvalid => t.funds.amount_invalid,
            ValidationError::LedgerYearClosed => t.funds.year_closed,
            ValidationError::HoursInvalid => t.funds.hours_invalid,
            ValidationError::FundsTextRequired => t.funds.text_required,
            ValidationError::MeetingTextRequired => t.meetings.text_required,
            ValidationError::PracticeOwnerInvalid => t.meetings.owner_invalid,
            ValidationError::DueBeforeMeeting => t.meetings.due_before_meeting,
            ValidationError::NotParentsMeeting => t.meetings.not_parents,
            ValidationError::CannotReverse => t.funds.cannot_reverse,
            ValidationError::FundNameTaken => t.funds.fund_name_taken,
            ValidationError::InstalmentsInvalid => t.funds.instalments_invalid,
            ValidationError::DonorInvalid => t.funds.donor_invalid,
            ValidationError::FundInvalid => t.funds.fund_invalid,
            ValidationError::PledgeInvalid => t.funds.pledge_invalid,
            ValidationError::NeedInvalid => t.funds.need_invalid,
            ValidationError::FundShort => t.funds.fund_short,
            ValidationError::ReceiptRequired => t.funds.receipt_required,
            ValidationError::FollowUpClosed => t.funds.follow_up_closed,
            ValidationError::AidAlreadyAsked => t.funds.aid_already_asked,
            ValidationError::FundPurpose => t.funds.fund_purpose,
            ValidationError::CannotThank => t.funds.cannot_thank,
            ValidationError::WorkPlaceUnnamed => t.family.work_place_unnamed,
            ValidationError::MarkNeedsComment => t.assessment.mark_needs_comment,
        }
    }
}

impl From<ValidationError> for AppError {
    fn from(value: ValidationError) -> Self {
        AppError::Validation(value)
    }
}

impl AppError {
    pub fn message(&self, t: &Strings) -> &'static str {
        match self {
            AppError::Validation(v) => v.message(t),
            AppError::NotFound => t.common.error_not_found,
            AppError::Conflict => t.common.error_conflict,
            AppError::Unauthorized => t.common.error_unauthorized,
            AppError::Forbidden => t.common.error_forbidden,
            AppError::Internal => t.common.error_internal,
            AppError::BadCredentials => t.auth.bad_credentials,
            AppError::TooManyAttempts(_) => t.auth.too_many_attempts,
            AppError::SignInBusy => t.auth.sign_in_busy,
            AppError::Transport(_) => t.common.error_network,
            AppError::AuditUnavailable => t.common.error_audit_unavailable,
        }
    }

    /// The HTTP status a script calling the endpoint sees.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation(_) => 400,
            AppError::NotFound => 404,
            AppError::Conflict => 409,
            AppError::Unauthorized | AppError::BadCredentials => 401,
            AppError::Forbidden => 403,
            AppError::TooManyAttempts(_) | AppError::SignInBusy => 429,
            AppError::Internal | AppError::Transport(_) => 500,
            AppError::AuditUnavailable => 503,
        }
    }

    /// Seconds a caller should wait before trying again (`Retry-After`), if that helps.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::TooManyAttempts(seconds) => Some(*seconds),
            AppError::SignInBusy => Some(2),
            _ => None,
        }
    }

    /// Log the cause on the server and hand the caller nothing but `Internal`.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        tracing::error!(%cause, "internal error in a server function");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Validation(ValidationError::Malformed)
            }
            // In the browser: the request never came back. On the server, a response that
            // could not be built is ours to log, never text to hand the caller.
            #[cfg(not(feature = "ssr"))]
            ServerFnErrorErr::Request(detail) | ServerFnErrorErr::Response(detail) => {
                AppError::Transport(detail)
            }
            #[cfg(feature = "ssr")]
            other => AppError::internal(other),
            #[cfg(not(feature = "ssr"))]
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(value: sqlx::Error) -> Self {
        match value {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => AppError::internal(other),
        }
    }
}
