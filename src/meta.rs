//! Bylines and datelines: the lines that say who wrote an article and when.
//!
//! Recognised by shape: a short line that is mostly a date or a time, or a short line that opens
//! with a byline word ("By", "Von", "Par" …) followed by names.
use regex::Regex;

const MONTHS: &str = "jan(?:uary|uar|vier)?|feb(?:ruary|ruar|rero|braio)?|févr(?:ier)?|mar(?:ch|s|zo)?|märz|maart|apr(?:il|ile)?|avril|abril|may|mai|mayo|maggio|mei|jun(?:e|i|io)?|juin|giugno|jul(?:y|i|io)?|juillet|luglio|aug(?:ust|ustus)?|août|agosto|sep(?:t|tember|tembre|tiembre)?|settembre|oct(?:ober|obre|ubre)?|okt(?:ober)?|ottobre|nov(?:ember|embre|iembre)?|dec(?:ember)?|dez(?:ember)?|décembre|dic(?:iembre|embre)?|enero|gennaio";

/// Compiled patterns (built once, shared).
#[derive(Debug, Clone)]
pub struct MetaPatterns {
    date: Regex,
    byline: Regex,
    comment_header: Regex,
    credit: Regex,
}

impl Default for MetaPatterns {
    fn default() -> Self {
        Self::new()
    }
}

impl MetaPatterns {
    pub fn new() -> MetaPatterns {
        let date = format!(
            r"(?xi)
            \b\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[T\s]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\b
            | \b\d{{1,2}}[./]\s?\d{{1,2}}[./]\s?(?:\d{{4}}|\d{{2}})\b
            | \b\d{{1,2}}\.?\s+(?:{m})\.?(?:\s+\d{{4}})?\b
            | \b(?:{m})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?\b
            | \b(?:{m})\.?\s+\d{{4}}\b
            | \b\d{{1,2}}[:.]\d{{2}}\s*(?:a\.?m\.?|p\.?m\.?|uhr|h)?(?:\s*(?:[A-Z]{{2,4}}|\bet\b|\bgmt\b|\butc\b|\bmez\b|\bcet\b))?
            | \b\d+\s+(?:minutes?|hours?|days?|weeks?|months?)\s+ago\b
            | \bvor\s+\d+\s+(?:minuten|stunden|tagen|wochen)\b
            ",
            m = MONTHS
        );
        let byline = r"(?i)^(?:by|von|par|por|di|door|text(?:e)?:|autor(?:in)?:|author:|written by|geschrieben von|posted by|a cura di)\s+(.+)$";
        // "jjackwagon says:", "Anna M. schreibt:", "34 responses to …", "… | Reply"
        let comment_header = r"(?ix)
            ^ \S.{0,60}? \s (?:says|said|wrote|writes|replied|sagt|schreibt|meint|antwortete|dit|a\ écrit|escribió|dice|scrive|zegt|schreef|disse) \s*:? $
            | ^ \d+ \s+ (?:comments?|responses?|replies|thoughts?|kommentare|antworten|reaktionen|commentaires|comentarios|commenti|reacties|comentários) \b
            | (?:^|\s|\|) (?:reply|antworten|report|melden|répondre|responder|rispondi|reageer|responder) \s* $
            | ^ (?:in\ reply\ to|reply\ to|antwort\ auf|als\ antwort\ auf) \b
            ";
        // "Photo: AP", "Image Source: …", "(Foto: dpa)", "… /Getty Images"
        let credit = r"(?ix)
            ^ \(? (?:photo|photos|image|images|picture|pictures|credit|credits|source|video|foto|fotos|bild|bilder|quelle|grafik|illustration|crédit|crédito|fuente) (?:\s\w+)? \s* [:/|©]
            | \( \s* (?:image|images|photo|photos|picture|foto|fotos|bild|credit|quelle|source) \s* : [^)]{1,60} \) \s* $
            | (?:getty\ images|shutterstock|reuters|associated\ press|\bap\ photo|\bafp\b|\bdpa\b|imago|istock|picture\ alliance|keystone) [^.!?]{0,40} \)? $
            ";
        MetaPatterns {
            date: Regex::new(&date).expect("date pattern compiles"),
            byline: Regex::new(byline).expect("byline pattern compiles"),
            comment_header: Regex::new(comment_header).expect("comment pattern compiles"),
            credit: Regex::new(credit).expect("credit pattern compiles"),
        }
    }

    /// A short line that is mostly a date or time: "Updated 14:32, 12 June 2024",
    /// "Posted on March 3, 2024 by Anna Keller", "12.06.2024, 14:32 Uhr".
    pub fn is_dateline(&self, text: &str) -> bool {
        let words = text.split_whitespace().count();
        if words == 0 || words > 16 || text.ends_with(['.', '?', '!']) && words > 8 {
            return false;
        }
        let mut rest = String::new();
        let mut last = 0;
        let mut found = false;
        for m in self.date.find_iter(text) {
            found = true;
            rest.push_str(&text[last..m.start()]);
            rest.push(' ');
            last = m.end();
        }
        if !found {
            return false;
        }
        rest.push_str(&text[last..]);
        let left = rest
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        left <= 6
    }

    /// The head of a user comment: "jjackwagon says:", "34 responses to …", a "Reply" link.
    pub fn is_comment_header(&self, text: &str) -> bool {
        text.split_whitespace().count() <= 14 && self.comment_header.is_match(text.trim())
    }

    /// A photo credit or caption source: "Photo: AP", "Image Source: …", "… /Getty Images".
    pub fn is_credit(&self, text: &str) -> bool {
        text.split_whitespace().count() <= 30 && self.credit.is_match(text.trim())
    }

    /// "By Tom Okafor", "Von Anna Müller und Jens Lange": a byline word, then one to six words
    /// that are names (capitalised) or joiners.
    pub fn is_byline(&self, text: &str) -> bool {
        let Some(c) = self.byline.captures(text.trim()) else {
            return false;
        };
        let names: Vec<&str> = c[1].split_whitespace().collect();
        if names.is_empty()
            || names.len() > 8
            || text.trim_end().ends_with(['.', '?', '!']) && names.len() > 3
        {
            return false;
        }
        let capitalised = names
            .iter()
            .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
            .count();
        let first_is_name = names[0].chars().next().is_some_and(char::is_uppercase);
        first_is_name && capitalised * 2 >= names.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let m = MetaPatterns::new();
        for s in [
            "Updated 14:32, 12 June 2024",
            "Posted on March 3, 2024 by Anna Keller",
            "12.06.2024, 14:32 Uhr",
            "2019-11-20T08:15",
            "Published Nov. 20, 2019 at 3:45 pm ET",
            "vor 3 Stunden",
            "Stand: 19.10.2019",
        ] {
            assert!(m.is_dateline(s), "{s}");
        }
        for s in [
            "The council voted on 12 June 2024 to approve the lanes after a long debate that lasted all night.",
            "Executive Summary",
            "May the best team win",
        ] {
            assert!(!m.is_dateline(s), "{s}");
        }
    }

    #[test]
    fn comment_headers_and_credits() {
        let m = MetaPatterns::new();
        for s in [
            "jjackwagon says:",
            "Anna M. schreibt:",
            "34 responses to “The plan”",
            "November 20, 2019 at 8:53 am | Reply",
        ] {
            assert!(m.is_comment_header(s), "{s}");
        }
        for s in [
            "The minister says the plan is ready.",
            "Reply all you want, he said, nothing changes.",
        ] {
            assert!(!m.is_comment_header(s), "{s}");
        }
        for s in [
            "Photo: AP",
            "Image Source: Neil Godwin / Future Publishing/Shutterstock",
            "(Foto: dpa)",
            "A crowd gathers. Getty Images",
            "China has warned (Image: GETTY )",
        ] {
            assert!(m.is_credit(s), "{s}");
        }
        assert!(!m.is_credit("Photography is his passion, he said."));
    }

    #[test]
    fn bylines() {
        let m = MetaPatterns::new();
        for s in [
            "By Tom Okafor",
            "Von Anna Müller und Jens Lange",
            "by JANE DOE",
            "Autor: Max Mustermann",
        ] {
            assert!(m.is_byline(s), "{s}");
        }
        for s in [
            "By the time we arrived",
            "By 2030, most cars will be electric.",
            "Byline",
        ] {
            assert!(!m.is_byline(s), "{s}");
        }
    }
}
