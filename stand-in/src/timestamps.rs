//! Ada's timestamp format: RFC 3339 in UTC with an explicit `+00:00` offset and whole seconds,
//! e.g. `2026-03-12T10:00:00+00:00`.

use time::{format_description::FormatItem, macros::format_description, OffsetDateTime, UtcOffset};

const ADA_FORMAT: &[FormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
);

pub(crate) fn format(moment: OffsetDateTime) -> String {
    moment
        .to_offset(UtcOffset::UTC)
        .format(ADA_FORMAT)
        .expect("every OffsetDateTime fits Ada's timestamp format")
}
