//! The words that mark an alert, for `event_kind`: what fires or pages, and the reports and
//! monitoring that count as the alert when a line opens with them. Kept apart from
//! `kind_words` so each list file stays small.

pub(super) const ALERT: &[&str] = &[
    "alert",
    "paged",
    "page the",
    "paging",
    "synthetic",
    "pages the",
    "page fired",
    "first page",
    "pagerduty",
    // "[04:10] Opsgenie: CRITICAL - TLS errors": the paging tools post the page.
    "opsgenie",
    "victorops",
    "incident.io",
    "pager",
    "alarm",
    "monitoring detect",
    "monitoring identif",
    "monitor",
];

/// Monitoring that fires is an alert even when the line also says who it paged.
/// So is a report from support or customers: it is how the incident was detected.
pub(super) const ALERT_FIRST: &[&str] = &[
    "alarm",
    "first page",
    "monitoring",
    "alerting",
    "support reports",
    "support reported",
    "were alerted",
    "was alerted",
    "alerted us",
    "user report",
    "customer report",
    "first report",
    "customers reported",
    "users reported",
    "complaints",
    "support raised",
    "support escalat",
    "customers report",
    "customer reports",
    "users report",
    "reported by customers",
    "reported by support",
    "getting reports",
    "initial detection",
    "first detected",
    "issue detected",
    "problem detected",
    "detected by",
    "reports that users",
    "reports that customers",
    "reports of",
    // "First indication internally of dashboard issues raised by internal users".
    "first indication",
    "raised by users",
    "raised by internal users",
    "raised by customers",
    // "Status 503 messages witnessed": someone saw them.
    "witnessed",
    // "A team member received an email that our SSL ... was going to expire": the warning
    // that reached someone.
    "received an email",
    "received an e-mail",
    "received a warning",
    "received a notification",
    "received an alert",
    // "FTC inquiry letter received by legal": a regulator's or customer's letter reaching
    // someone.
    "letter received",
    "inquiry received",
    "complaint received",
    "notice received",
    "received a letter",
    "received a complaint",
    "received a notice",
];
