//! Headings written in another language, as the English names the section reader knows: a
//! team's postmortem template translated ("## Linha do tempo", "## Первопричина").

use std::sync::LazyLock;

use regex::Regex;

/// Headings the importer knows in other languages, and their English.
const NAMES: &[(&str, &str)] = &[
    ("resumo", "Summary"),
    ("resumen", "Summary"),
    ("résumé", "Summary"),
    ("sommaire", "Summary"),
    ("zusammenfassung", "Summary"),
    ("linha do tempo", "Timeline"),
    ("cronologia", "Timeline"),
    ("cronología", "Timeline"),
    ("línea de tiempo", "Timeline"),
    ("chronologie", "Timeline"),
    ("zeitleiste", "Timeline"),
    ("zeitlicher ablauf", "Timeline"),
    ("causa raiz", "Root cause"),
    ("causa raíz", "Root cause"),
    ("causa principal", "Root cause"),
    ("cause racine", "Root cause"),
    ("cause première", "Root cause"),
    ("ursache", "Root cause"),
    ("grundursache", "Root cause"),
    ("causas contribuyentes", "Contributing factors"),
    ("factores contribuyentes", "Contributing factors"),
    ("facteurs contributifs", "Contributing factors"),
    ("causes contributives", "Contributing factors"),
    ("fatores contribuintes", "Contributing factors"),
    ("beitragende faktoren", "Contributing factors"),
    ("qué funcionó", "What went well"),
    ("qué salió bien", "What went well"),
    ("qué salió mal", "What went wrong"),
    ("ce qui a bien fonctionné", "What went well"),
    ("ce qui a mal fonctionné", "What went wrong"),
    ("o que funcionou", "What went well"),
    ("was gut lief", "What went well"),
    ("was schief lief", "What went wrong"),
    ("impacto", "Impact"),
    ("impact", "Impact"),
    ("données perdues", "Impact"),
    ("mesures post-incident", "Action items"),
    ("lecciones aprendidas", "Lessons learned"),
    ("leçons apprises", "Lessons learned"),
    ("lições aprendidas", "Lessons learned"),
    ("detección", "Detection"),
    ("détection", "Detection"),
    ("detecção", "Detection"),
    ("erkennung", "Detection"),
    ("auswirkungen", "Impact"),
    ("resolução", "Resolution"),
    ("resolución", "Resolution"),
    ("lösung", "Resolution"),
    ("ações", "Action items"),
    ("acciones", "Action items"),
    ("massnahmen", "Action items"),
    ("maßnahmen", "Action items"),
    // Russian.
    ("сводка", "Summary"),
    ("резюме", "Summary"),
    ("краткое описание", "Summary"),
    ("влияние", "Impact"),
    ("последствия", "Impact"),
    ("временная шкала", "Timeline"),
    ("хронология", "Timeline"),
    ("хронология событий", "Timeline"),
    ("первопричина", "Root cause"),
    ("корневая причина", "Root cause"),
    ("причина", "Root cause"),
    ("причины", "Root cause"),
    ("обнаружение", "Detection"),
    ("решение", "Resolution"),
    ("устранение", "Resolution"),
    ("что сработало", "What went well"),
    ("что пошло хорошо", "What went well"),
    ("что пошло не так", "What went wrong"),
    ("уроки", "Lessons learned"),
    ("выводы", "Lessons learned"),
    ("действия", "Action items"),
    ("задачи", "Action items"),
    // Vietnamese.
    ("tóm tắt", "Summary"),
    ("tổng quan", "Overview"),
    ("tổng quan sự cố", "Incident overview"),
    ("dòng thời gian", "Timeline"),
    ("diễn biến", "Timeline"),
    ("nguyên nhân gốc", "Root cause"),
    ("nguyên nhân gốc rễ", "Root cause"),
    ("nguyên nhân", "Root cause"),
    ("ảnh hưởng", "Impact"),
    ("phát hiện", "Detection"),
    ("khắc phục", "Resolution"),
    ("giải pháp", "Resolution"),
    ("hạng mục hành động", "Action items"),
    ("hành động khắc phục", "Action items"),
    ("bài học rút ra", "Lessons learned"),
    ("bài học", "Lessons learned"),
];

/// A team that writes its headings in Portuguese, Spanish, French, German, Russian or Vietnamese ("# Resumo",
/// "## Linha do tempo", "## Первопричина"): the headings the importer knows, in English (the
/// prose stays as written).
pub(super) fn in_english(md: &str) -> String {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^(#{1,6}[ \t]+)([^\n#]+?)[ \t]*$").expect("static regex")
    });
    HEADING
        .replace_all(md, |c: &regex::Captures| {
            let name = c[2].trim().trim_end_matches(':').to_lowercase();
            match NAMES.iter().find(|(n, _)| *n == name) {
                Some((_, english)) => format!("{}{english}", &c[1]),
                None => c[0].to_string(),
            }
        })
        .into_owned()
}
