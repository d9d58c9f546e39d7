//! The words that tell nothing of what an article is about, in the languages the loader
//! knows, folded as the index holds them: more-like-this leaves them out. A large archive
//! leaves them out anyway, by how many articles hold them; a small one needs the list.

/// Three letters and more: shorter words are left out by their length.
const WORDS: &[&str] = &[
    // French
    "les", "des", "une", "est", "dans", "par", "pour", "sur", "avec", "qui", "que", "aux", "son", "ses",
    "sont", "ont", "ete", "pas", "plus", "leur", "leurs", "cette", "ces", "mais", "comme", "entre", "selon",
    "ainsi", "elle", "ils", "elles", "nous", "vous", "tout", "tous", "toutes", "etre", "avoir", "fait",
    "deux", "aussi", "apres", "avant", "lors", "dont", "sous", "vers", "chez", "encore", "depuis",
    // English
    "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "this", "from", "its",
    "his", "her", "their", "they", "which", "said", "will", "would", "been", "not", "but", "also", "than",
    "into", "about", "after", "over", "more", "who", "other", "two", "year", "there", "when", "while",
    // Spanish
    "los", "las", "del", "por", "con", "para", "una", "que", "como", "mas", "sus", "este", "esta", "entre",
    "sobre", "segun", "tras", "desde", "han", "fue", "ser", "tambien", // Vietnamese
    "cua", "cac", "nhung", "duoc", "trong", "voi", "cho", "nay", "khi", "nam", "theo", "tai", "mot", "nguoi",
    "cung", "nhu", "sau", "tren", "ngay",
];

/// The list as more-like-this takes it.
pub(super) fn stop_words() -> Vec<String> {
    WORDS.iter().map(|word| (*word).to_string()).collect()
}
