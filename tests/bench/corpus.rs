//! Synthetic archives shaped like the bundled dispatches: captions, `date` headers at every
//! precision, datelines, stray photo credits, glued signatures, and Vietnamese, Russian and
//! French names with their diacritics. The same seed always gives the same files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Articles per sub-folder, as an archive sorted by month or batch would hold them.
const PER_FOLDER: usize = 1_000;

/// About how long an article is, in bytes of UTF-8.
const TARGET_BYTES: usize = 2_000;

/// splitmix64: tiny, fast and good enough to vary text; no crate needed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const LEADERS: &[&str] = &[
    "le secrétaire général Tô Lâm",
    "le secrétaire général Nguyễn Phú Trọng",
    "le Premier ministre Phạm Minh Chính",
    "le président Nguyễn Xuân Phúc",
    "le permanent du Secrétariat Võ Văn Thưởng",
    "l’ancien secrétaire général Đỗ Mười",
    "la vice-présidente Võ Thị Ánh Xuân",
    "le président de l’Assemblée nationale Vương Đình Huệ",
    "le vice-Premier ministre Trần Hồng Hà",
    "le ministre Bùi Thanh Sơn",
    "le président russe Vladimir Poutine",
    "le ministre russe des Affaires étrangères Sergueï Lavrov",
    "le vice-Premier ministre russe Dmitri Tchernychenko",
    "le Premier ministre russe Mikhaïl Michoustine",
    "le président français Emmanuel Macron",
    "la ministre française Catherine Colonna",
    "le Premier ministre français Édouard Philippe",
    "l’ambassadeur Đặng Minh Khôi",
    "le vice-ministre Lê Hoài Trung",
    "la présidente Nguyễn Thị Kim Ngân",
];

/// The bare names of [`LEADERS`], as a later sentence repeats them.
const SURNAMES: &[&str] = &[
    "Tô Lâm",
    "Nguyễn Phú Trọng",
    "Phạm Minh Chính",
    "Nguyễn Xuân Phúc",
    "Võ Văn Thưởng",
    "Đỗ Mười",
    "Võ Thị Ánh Xuân",
    "Vương Đình Huệ",
    "Trần Hồng Hà",
    "Bùi Thanh Sơn",
    "Vladimir Poutine",
    "Sergueï Lavrov",
    "Dmitri Tchernychenko",
    "Mikhaïl Michoustine",
    "Emmanuel Macron",
    "Catherine Colonna",
    "Édouard Philippe",
    "Đặng Minh Khôi",
    "Lê Hoài Trung",
    "Nguyễn Thị Kim Ngân",
];

const PLACES: &[&str] = &[
    "Hanoï",
    "Moscou",
    "Hô Chi Minh-Ville",
    "Paris",
    "Đà Nẵng",
    "Huế",
    "Hải Phòng",
    "Saint-Pétersbourg",
    "Cần Thơ",
    "Vientiane",
    "Phnom Penh",
    "Lyon",
    "Quảng Ninh",
    "Nha Trang",
];

const COUNTRIES: &[&str] = &[
    "la Russie",
    "la France",
    "le Laos",
    "le Cambodge",
    "le Japon",
    "la Chine",
    "l’Inde",
    "la Corée du Sud",
    "l’Allemagne",
    "Singapour",
];

const TOPICS: &[&str] = &[
    "l’énergie",
    "le pétrole et le gaz",
    "l’éducation et la formation",
    "la défense",
    "le tourisme",
    "l’agriculture",
    "la santé publique",
    "les transports",
    "la culture",
    "la science et la technologie",
    "le commerce",
    "l’investissement",
];

const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const CAPTIONS: &[&str] = &[
    "{L} serre la main à {M} à l’aéroport de {P}, le {d} {m}.",
    "{L} (droite) reçoit {M} à {P}.",
    "Vue de la séance de travail entre {L} et {M}.",
    "{L} s’exprime lors de la cérémonie à {P}.",
    "Les délégués posent pour une photo de groupe à {P}.",
];

const LEADS: &[&str] = &[
    "{L} a eu le {d} {m} une conversation en ligne avec {M}.",
    "{L} a reçu le {d} {m} à {P} {M}, en visite officielle au Vietnam.",
    "Durant son séjour en {C}, {L} a eu des rencontres bilatérales avec des dirigeants de plusieurs pays.",
    "{L} et {M} ont coprésidé le {d} {m} à {P} la quatrième session du comité intergouvernemental.",
    "Le Vietnam et {C} ont signé le {d} {m} à {P} un accord de coopération dans le domaine de {T}.",
    "{L} a plaidé le {d} {m} pour renforcer les échanges avec {C} dans le domaine de {T}.",
];

const BODY: &[&str] = &[
    "Les deux parties ont échangé sur divers domaines de coopération bilatérale et partagé leurs points de vue sur les questions régionales et internationales d’intérêt commun.",
    "{S} a affirmé que le Vietnam attachait toujours de l’importance à l’amitié traditionnelle et au partenariat stratégique intégral avec {C}.",
    "Il a souhaité que les relations entre les deux pays soient de plus en plus développées, apportant des avantages pratiques aux deux peuples.",
    "{S} a félicité son hôte pour les résultats obtenus et proposé d’intensifier la coopération dans les domaines de {T} et de {T}.",
    "Les deux dirigeants ont souligné que dans les temps à venir, les deux pays continueraient de s’efforcer de prendre des mesures spécifiques pour promouvoir la coopération.",
    "À cette occasion, les deux parties ont adopté une déclaration conjointe sur les grandes orientations de leur partenariat dans la nouvelle phase.",
    "Selon {S}, les échanges commerciaux entre le Vietnam et {C} ont atteint un niveau record l’an dernier, malgré les difficultés liées à la pandémie de COVID-19.",
    "La délégation s’est ensuite rendue à {P}, où elle a visité plusieurs entreprises et rencontré la communauté vietnamienne.",
    "{S} a invité {M} à effectuer une visite officielle au Vietnam ; l’invitation a été acceptée avec plaisir.",
    "Cette visite illustre la volonté du Vietnam de renforcer la confiance politique et de consolider les relations avec ses partenaires traditionnels.",
    "Les participants ont également évoqué la situation en mer Orientale et réaffirmé l’importance du respect du droit international.",
    "Les deux pays commémorent cette année le 75e anniversaire de l’établissement de leurs relations diplomatiques.",
];

/// How a dispatch ends: the agency's signature, glued or not, or nothing.
const SIGNATURES: &[&str] = &["-VNA/VI", "-VNA", " -VNA", "-CVN", ""];

/// What one generated archive holds.
pub struct Corpus {
    pub root: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

/// Bump when the generator writes other text: a corpus kept from before is made again.
const GENERATOR_VERSION: u32 = 1;
/// Written last into a corpus kept between runs, with its figures: without it, the
/// corpus was cut short and is made again.
const COMPLETE: &str = ".complete";

/// The corpus of `count` articles from `seed` under `base`, generated only if no earlier
/// run left it complete: a million articles take minutes to write, and their writing is
/// not what is measured.
pub fn kept(base: &Path, count: usize, seed: u64) -> io::Result<Corpus> {
    let root = base.join(format!("{count}-{seed:x}-v{GENERATOR_VERSION}"));
    let marker = root.join(COMPLETE);
    let figures = fs::read_to_string(&marker).ok().and_then(|text| {
        let (files, bytes) = text.trim().split_once(' ')?;
        Some((files.parse::<usize>().ok()?, bytes.parse::<u64>().ok()?))
    });
    if let Some((files, bytes)) = figures.filter(|&(files, _)| files == count) {
        return Ok(Corpus { root, files, bytes });
    }
    if root.exists() {
        fs::remove_dir_all(&root)?;
    }
    let corpus = generate(&root, count, seed)?;
    fs::write(&marker, format!("{} {}\n", corpus.files, corpus.bytes))?;
    Ok(corpus)
}

/// Writes `count` articles under `root`, [`PER_FOLDER`] to a sub-folder.
pub fn generate(root: &Path, count: usize, seed: u64) -> io::Result<Corpus> {
    let mut rng = Rng::new(seed);
    let mut bytes = 0;
    let mut text = String::with_capacity(4 * TARGET_BYTES);
    for index in 0..count {
        let folder = root.join(format!("{:03}", index / PER_FOLDER));
        if index.is_multiple_of(PER_FOLDER) {
            fs::create_dir_all(&folder)?;
        }
        text.clear();
        write_article(&mut rng, &mut text);
        let name = format!("{index:06}_{:016x}.txt", rng.next_u64());
        fs::write(folder.join(name), &text)?;
        bytes += text.len() as u64;
    }
    Ok(Corpus {
        root: root.to_owned(),
        files: count,
        bytes,
    })
}

fn write_article(rng: &mut Rng, out: &mut String) {
    let leader = rng.below(LEADERS.len());
    let mut other = rng.below(LEADERS.len());
    if other == leader {
        other = (other + 1) % LEADERS.len();
    }
    let place = rng.pick(PLACES);
    let country = rng.pick(COUNTRIES);
    let fill = |rng: &mut Rng, template: &str| -> String {
        let mut text = template
            .replace("{L}", LEADERS[leader])
            .replace("{M}", LEADERS[other])
            .replace("{S}", SURNAMES[leader])
            .replace("{P}", place)
            .replace("{C}", country)
            .replace("{m}", rng.pick(MONTHS))
            .replace("{d}", &(1 + rng.below(28)).to_string());
        while text.contains("{T}") {
            text = text.replacen("{T}", rng.pick(TOPICS), 1);
        }
        capitalise_first(&text)
    };
    let gap = if rng.chance(30) { "\n\n\n\n" } else { "\n\n" };

    // The header shares the first line with whatever comes first, as in the archive.
    if rng.chance(60) {
        let year = 2015 + rng.below(10);
        let header = match rng.below(3) {
            0 => format!(" date {year} "),
            1 => format!(" date {year}-{:02} ", 1 + rng.below(12)),
            _ => format!(" date {year}-{:02}-{:02} ", 1 + rng.below(12), 1 + rng.below(28)),
        };
        out.push_str(&header);
    }
    if rng.chance(70) {
        let template = rng.pick(CAPTIONS);
        let caption = fill(rng, template);
        let credit = if rng.chance(50) {
            "Photo: VNA"
        } else {
            "Photo : VNA"
        };
        out.push_str(&format!("{caption} {credit}{gap}"));
    }
    if rng.chance(60) {
        out.push_str(&format!("{place} (VNA) – "));
    }
    let lead = rng.pick(LEADS);
    out.push_str(&fill(rng, lead));
    // A few long pieces, as any archive has: the reading pane then has something to scroll.
    let target = if rng.chance(5) {
        2 * TARGET_BYTES + rng.below(TARGET_BYTES)
    } else {
        TARGET_BYTES - 300 + rng.below(600)
    };
    let mut paragraph_sentences = 0;
    while out.len() < target {
        if paragraph_sentences >= 2 && rng.chance(50) {
            out.push_str(gap);
            if rng.chance(8) {
                out.push_str(&format!("Photo : VNA{gap}"));
            }
            paragraph_sentences = 0;
        } else {
            out.push(' ');
        }
        let sentence = rng.pick(BODY);
        out.push_str(&fill(rng, sentence));
        paragraph_sentences += 1;
    }
    out.push_str(rng.pick(SIGNATURES));
    out.push('\n');
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
