//! GitHub Actions workflow commands: one `::warning` per run of removed lines with one rule.
use crate::apply::{Cleaned, Outcome};

/// `::warning file=PATH,line=A,endLine=B,title=rinse RULE::REASON` lines for `cleaned`.
pub fn annotations(path: &str, cleaned: &Cleaned) -> String {
    let mut out = String::new();
    let mut run: Option<(usize, usize, usize)> = None; // (first line, last line, removal index)
    let flush = |out: &mut String, run: Option<(usize, usize, usize)>| {
        if let Some((a, b, r)) = run {
            let r = &cleaned.removed[r];
            let end = if b > a {
                format!(",endLine={b}")
            } else {
                String::new()
            };
            out.push_str(&format!(
                "::warning file={},line={a}{end},title={}::{}\n",
                property(path),
                property(&format!("rinse {}", r.rule)),
                message(&format!("{}: {}", r.rule, r.reason))
            ));
        }
    };
    for (i, outcome) in cleaned.lines.iter().enumerate() {
        match outcome {
            Outcome::Blank => {}
            Outcome::Removed(r) => match run {
                Some((a, _, prev)) if cleaned.removed[prev].rule == cleaned.removed[*r].rule => {
                    run = Some((a, i + 1, prev));
                }
                _ => {
                    flush(&mut out, run.take());
                    run = Some((i + 1, i + 1, *r));
                }
            },
            Outcome::Kept { .. } | Outcome::Joined(_) => flush(&mut out, run.take()),
        }
    }
    flush(&mut out, run);
    out
}

/// Escapes a workflow-command message.
fn message(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
fn property(s: &str) -> String {
    message(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Pipeline};

    #[test]
    fn runs_of_one_rule_are_one_annotation() {
        let p = Pipeline::new(&Config::default()).unwrap();
        let page =
            "Home\n\nMenu\n\nA Title\n\nThe first paragraph says something, as a paragraph does.\n";
        let c = p.clean_bytes("dir/a,b.txt", page.as_bytes(), None);
        assert_eq!(
            annotations("dir/a,b.txt", &c),
            "::warning file=dir/a%2Cb.txt,line=1,endLine=3,title=rinse boilerplate/navigation::boilerplate/navigation: site navigation: the line is \"home\"\n"
        );
    }
}
