//! The words of an incident line in Spanish, French, Portuguese or German that say what kind of
//! event it is, put in English so the word lists read them: "el frontend no arranca" is harm,
//! "`CLIENT_ORIGIN` pasa a literales" a change, "correctif déployé" a fix, "servicio en vivo y
//! verificado" the service back. A line is only rewritten when its small words say it is in
//! one of those languages; English lines pass through untouched.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// Small words that mark a line's language; English's, to weigh against them.
const FOREIGN: &[&str] = &[
    // Spanish and Portuguese.
    "el", "la", "de", "en", "los", "las", "del", "que", "con", "por", "para", "una", "sin", "se",
    "y", "desde", "contra", "antes", "entre", "não", "do", "da", "dos", "das", "em", "um", "uma",
    "com", "pelo", "pela", // French.
    "le", "les", "des", "du", "est", "et", "pour", "sur", "avec", "sans", "au", "aux", "une",
    "lors", "d'un", "d'une", "l'", "dans", "par", "pas", // German.
    "der", "die", "das", "und", "mit", "von", "ist", "ein", "eine", "nicht", "auf", "für", "wurde",
    "wurden",
];
const ENGLISH: &[&str] = &[
    // (Not "a": a Spanish, French and Portuguese word too.)
    "the", "an", "and", "of", "to", "in", "is", "was", "with", "for", "on", "by", "at", "from",
    "were", "are",
];

/// Phrases and their English, longest first where one holds another.
const GLOSSARY: &[(&str, &str)] = &[
    // Spanish.
    ("no arranca", "fails to start"),
    ("no arrancó", "failed to start"),
    ("abortó", "failed"),
    ("aborta", "fails"),
    ("falló", "failed"),
    ("falla", "fails"),
    ("se cae", "goes down"),
    ("caído", "down"),
    ("caída", "outage"),
    ("se revierte", "is rolled back"),
    ("revertido", "rolled back"),
    ("se reinicia", "is restarted"),
    ("reiniciado", "restarted"),
    ("se restaura", "is restored"),
    ("restaurado", "restored"),
    ("se corrige", "is fixed"),
    ("se corrigió", "was fixed"),
    ("corregido", "fixed"),
    ("pasa a desplegar", "was changed to deploy"),
    ("pasan a", "were changed to"),
    ("pasa a", "was changed to"),
    ("se despliega", "is deployed"),
    ("desplegado", "deployed"),
    ("despliegue", "deploy"),
    ("servicio en vivo", "service is back up"),
    ("en vivo", "live"),
    ("verificado", "verified"),
    ("servicio", "service"),
    ("se detecta", "is detected"),
    ("detectado", "detected"),
    ("alerta", "alert"),
    ("investigando", "investigating"),
    ("se investiga", "is investigated"),
    ("causa raíz", "root cause"),
    ("resuelto", "resolved"),
    ("se resolvió", "was resolved"),
    ("mitigado", "mitigated"),
    ("usuarios", "users"),
    ("clientes", "customers"),
    ("y", "and"),
    // French.
    ("a wipé", "wiped"),
    ("wipé", "wiped"),
    ("effacé", "deleted"),
    ("supprimé", "deleted"),
    ("correctif déployé", "fix deployed"),
    ("déployé", "deployed"),
    ("déploiement", "deployment"),
    ("redémarre", "restarts"),
    ("redémarré", "restarted"),
    ("relancé", "restarted"),
    ("corrigé", "fixed"),
    ("corrige", "fixes"),
    ("panne", "outage"),
    ("alerte", "alert"),
    ("résolu", "resolved"),
    ("rétabli", "restored"),
    ("restauré", "restored"),
    ("enquête", "investigation"),
    ("cause racine", "root cause"),
    ("acté formellement", "formally announced"),
    ("et", "and"),
    // Portuguese.
    ("falhou", "failed"),
    ("caiu", "went down"),
    ("corrigido", "fixed"),
    ("implantado", "deployed"),
    ("investigação", "investigation"),
    ("causa raiz", "root cause"),
    ("resolvido", "resolved"),
    // German.
    ("ausgefallen", "down"),
    ("ausfall", "outage"),
    ("behoben", "fixed"),
    ("neu gestartet", "restarted"),
    ("zurückgerollt", "rolled back"),
    ("wiederhergestellt", "restored"),
    ("bereitgestellt", "deployed"),
    ("untersucht", "investigated"),
    ("ursache", "cause"),
    ("alarm", "alert"),
    ("und", "and"),
];

/// A lower-cased line with its incident words in English, when it is in one of the languages
/// the glossary knows.
pub(super) fn in_english(t: &str) -> Cow<'_, str> {
    let words: Vec<&str> = t
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
    let foreign = count(FOREIGN);
    if foreign == 0 || foreign <= count(ENGLISH) {
        return Cow::Borrowed(t);
    }
    static PHRASES: LazyLock<Vec<(Regex, &str)>> = LazyLock::new(|| {
        GLOSSARY
            .iter()
            .map(|(from, to)| {
                let re = Regex::new(&format!(r"(?:^|\b){}\b", regex::escape(from)))
                    .expect("glossary regex");
                (re, *to)
            })
            .collect()
    });
    let mut out = t.to_string();
    for (re, to) in PHRASES.iter() {
        if re.is_match(&out) {
            out = re.replace_all(&out, *to).into_owned();
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_and_french_lines_are_read_in_english() {
        assert_eq!(
            in_english("despliegue 1: el frontend no arranca con un error"),
            "deploy 1: el frontend fails to start con un error"
        );
        assert_eq!(
            in_english("protect data — correctif déployé pour le serveur"),
            "protect data — fix deployed pour le serveur"
        );
    }

    #[test]
    fn english_lines_pass_through() {
        let t = "the service falla check was restored in the region";
        assert_eq!(in_english(t), t);
        let t = "de-duplicate the falla queue";
        assert_eq!(in_english(t), t);
    }
}
