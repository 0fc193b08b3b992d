//! Latin words spelled with look-alike letters of other scripts ("Yоur соntеnt іѕ dеlіvеrеd",
//! where `о`, `с`, `е`, `і`, `ѕ` are Cyrillic; Greek, Armenian `ս` and fullwidth `ｅ` serve too):
//! spam and promotions are written so to slip past word filters, and some copy-and-paste gets
//! them by mistake. Such a line reads as English to people, but to every later stage its words
//! are unknown: no stopwords, no phrase-list match, no duplicate of the same line written
//! plainly.
//!
//! A word is rewritten only on evidence in the word itself: it has Latin letters, and every
//! other letter in it is one that looks like a Latin letter ([`latin_twin`]). A genuine Russian
//! or Greek word has letters with no Latin twin (`д`, `л`, `ж`, `λ`, `π`…), and is left alone.
//! Once a line has such a mixed word, the words in it spelled wholly with look-alikes (`іѕ`)
//! are taken too, unless the line has letters of those scripts that look like no Latin one (a
//! line of Russian with one mixed word keeps its Russian).

/// The Latin letter that a Cyrillic, Greek or Armenian letter cannot be told from in common
/// fonts, or that a fullwidth Latin letter (`ｅ`, of East Asian typesetting) stands for.
pub fn latin_twin(c: char) -> Option<char> {
    if let 'Ａ'..='Ｚ' | 'ａ'..='ｚ' = c {
        return char::from_u32(u32::from(c) - 0xFEE0);
    }
    Some(match c {
        // Cyrillic, lowercase
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'ѕ' => 's',
        'і' => 'i',
        'ј' => 'j',
        'һ' => 'h',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ӏ' => 'l',
        // Cyrillic, uppercase
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        'Ѕ' => 'S',
        'І' => 'I',
        'Ј' => 'J',
        'Ԛ' => 'Q',
        'Ԝ' => 'W',
        // Greek
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        // Armenian
        'ս' => 'u',
        'օ' => 'o',
        'ո' => 'n',
        'հ' => 'h',
        _ => return None,
    })
}

/// A letter of the Latin script (ASCII, Latin-1 and Latin Extended letters).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic())
}

/// A Greek, Cyrillic or Armenian letter with no Latin twin.
fn is_other_of_those_scripts(c: char) -> bool {
    matches!(c, '\u{370}'..='\u{58f}') && c.is_alphabetic() && latin_twin(c).is_none()
}

/// What a word is made of.
#[derive(Default)]
struct Letters {
    latin: usize,
    twins: usize,
    others: usize,
}

fn letters(word: &str) -> Letters {
    let mut l = Letters::default();
    for c in word.chars() {
        if is_latin(c) {
            l.latin += 1;
        } else if latin_twin(c).is_some() {
            l.twins += 1;
        } else if c.is_alphabetic() {
            l.others += 1;
        }
    }
    l
}

/// The line with its look-alike letters written as the Latin ones, and why, if it has a word
/// that mixes them with Latin letters (see the module's documentation).
pub fn latin_lookalikes(s: &str) -> Option<(String, String)> {
    // Fast exit: every such letter starts with one of these bytes (the fullwidth ones, 0xEF).
    if !s.bytes().any(|b| matches!(b, 0xCE..=0xD6 | 0xEF)) {
        return None;
    }
    let mixed = |l: &Letters| l.latin > 0 && l.twins > 0 && l.others == 0;
    if !s
        .split(|c: char| !c.is_alphabetic())
        .any(|w| mixed(&letters(w)))
    {
        return None;
    }
    // Words of look-alikes alone go too where the line has no Cyrillic, Greek or Armenian of
    // its own.
    let whole_words = !s.chars().any(is_other_of_those_scripts);
    let mut out = String::with_capacity(s.len());
    let mut words_changed = 0;
    // The look-alikes replaced, in order of first use: the reason names them, since they look
    // like the letters they stand for.
    let mut replaced: Vec<char> = Vec::new();
    let mut from = 0;
    let mut flush = |word: &str, out: &mut String| {
        let l = letters(word);
        if mixed(&l) || (whole_words && l.twins > 0 && l.latin == 0 && l.others == 0) {
            words_changed += 1;
            for c in word.chars() {
                match latin_twin(c) {
                    Some(latin) => {
                        if !replaced.contains(&c) {
                            replaced.push(c);
                        }
                        out.push(latin);
                    }
                    None => out.push(c),
                }
            }
        } else {
            out.push_str(word);
        }
    };
    for (at, c) in s.char_indices() {
        if !c.is_alphabetic() {
            flush(&s[from..at], &mut out);
            out.push(c);
            from = at + c.len_utf8();
        }
    }
    flush(&s[from..], &mut out);
    let shown: Vec<String> = replaced
        .iter()
        .take(4)
        .map(|&c| {
            let script = match c {
                '\u{370}'..='\u{3ff}' => "Greek",
                '\u{400}'..='\u{52f}' => "Cyrillic",
                '\u{530}'..='\u{58f}' => "Armenian",
                _ => "fullwidth",
            };
            format!("{script} U+{:04X}", u32::from(c))
        })
        .collect();
    Some((
        out,
        format!(
            "{words_changed} Latin word{} spelled with look-alike letters (homoglyphs: {}{}), written in Latin",
            if words_changed == 1 { "" } else { "s" },
            shown.join(", "),
            if replaced.len() > shown.len() {
                ", …"
            } else {
                ""
            },
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_spelled_with_cyrillic_letters_are_written_in_latin() {
        let line =
            "Yоur соntеnt іѕ dеlіvеrеd іnѕtаntlу tо thоuѕаndѕ оf uѕеrѕ іn Веlіzе аnd аbrоаd!";
        let (text, reason) = latin_lookalikes(line).unwrap();
        assert_eq!(
            text,
            "Your content is delivered instantly to thousands of users in Belize and abroad!"
        );
        assert_eq!(
            reason,
            "13 Latin words spelled with look-alike letters (homoglyphs: Cyrillic U+043E, \
             Cyrillic U+0441, Cyrillic U+0435, Cyrillic U+0456, …), written in Latin"
        );
        // Once written in Latin, nothing is left to do.
        assert_eq!(latin_lookalikes(&text), None);
    }

    #[test]
    fn cyrillic_and_greek_text_is_left_alone() {
        for line in [
            "Москва — столица России, а Санкт-Петербург — её культурная столица.",
            "Компания Apple выпустила новый iPhone в сентябре.",
            "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
            "Він сказав: «Це наш дім».",
            "The word сосна means pine, and дом means house.",
            "Plain English with no other script at all.",
        ] {
            assert_eq!(latin_lookalikes(line), None, "{line}");
        }
    }

    /// Comment spam mixes several scripts, and fullwidth letters, into English words.
    #[test]
    fn armenian_and_fullwidth_look_alikes_count_too() {
        let line = "I usｅd to be suggested thiѕ web site, nobody else սnderstand my troսble.";
        let (text, reason) = latin_lookalikes(line).unwrap();
        assert_eq!(
            text,
            "I used to be suggested this web site, nobody else understand my trouble."
        );
        assert!(reason.starts_with("4 Latin words"), "{reason}");
        // Fullwidth text of its own (a Japanese page's "ＮＥＷＳ") stays as it is.
        assert_eq!(latin_lookalikes("「ＮＥＷＳ ＷＥＢ ＥＡＳＹ」は"), None);
    }

    /// A Russian line with one mixed word: that word is written in Latin, the Russian words
    /// made of look-alikes only (`а`, `сор`) stay.
    #[test]
    fn only_mixed_words_change_in_a_line_of_another_script() {
        let line = "Новый Windоws а также сор";
        let (text, _) = latin_lookalikes(line).unwrap();
        assert_eq!(text, "Новый Windows а также сор");
    }
}
