//! The places liseuse knows by name, to tell them from people: countries, regions and
//! continents (Unicode CLDR) and cities (GeoNames), in English, French, Spanish and
//! Vietnamese, folded as the filter folds, built into the binary (`assets/places.txt`,
//! made by `assets/places.py`).

use std::cell::RefCell;
use std::sync::OnceLock;

use foldhash::{HashMap, HashSet};

use crate::fold::fold_str;

static PLACES_TEXT: &str = include_str!("../../assets/places.txt");

/// The list's two sections: countries, regions and continents; then cities.
struct Places {
    regions: HashSet<&'static str>,
    all: HashSet<&'static str>,
}

fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(|| {
        let mut places = Places {
            regions: HashSet::default(),
            all: HashSet::default(),
        };
        let mut in_regions = false;
        for line in PLACES_TEXT.lines() {
            if let Some(heading) = line.strip_prefix('#') {
                in_regions = heading.trim_start().starts_with("regions");
                continue;
            }
            if in_regions {
                places.regions.insert(line);
            }
            places.all.insert(line);
        }
        places
    })
}

/// No place on the list has a longer name; a longer one is looked up no further.
const MAX_NAME_BYTES: usize = 120;

/// `name` as the list holds it, into `key`: folded, hyphens as spaces, single-spaced.
fn key_into(name: &str, key: &mut String) {
    key.clear();
    let folded;
    let folded = if name.is_ascii() {
        name
    } else {
        folded = fold_str(name);
        folded.as_str()
    };
    for part in folded.split(['-', ' ']).filter(|part| !part.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(part);
    }
    key.make_ascii_lowercase();
}

/// What the lists say of one name.
#[derive(Clone, Copy)]
struct Known {
    place: bool,
    region: bool,
}

/// Names already looked up on this thread are remembered, this many at most: the same
/// names come back article after article, and hashing a name as written is cheaper than
/// folding it.
const REMEMBERED: usize = 50_000;

fn known(name: &str) -> Known {
    thread_local! {
        static KEY: RefCell<String> = const { RefCell::new(String::new()) };
        static SEEN: RefCell<Option<HashMap<Box<str>, Known>>> = const { RefCell::new(None) };
    }
    if name.len() > MAX_NAME_BYTES {
        return Known {
            place: false,
            region: false,
        };
    }
    if let Some(known) = SEEN.with_borrow(|seen| seen.as_ref().and_then(|seen| seen.get(name).copied())) {
        return known;
    }
    let known = KEY.with_borrow_mut(|key| {
        key_into(name, key);
        let places = places();
        Known {
            place: places.all.contains(key.as_str()),
            region: places.regions.contains(key.as_str()),
        }
    });
    SEEN.with_borrow_mut(|seen| {
        let seen = seen.get_or_insert_with(HashMap::default);
        if seen.len() >= REMEMBERED {
            seen.clear();
        }
        seen.insert(name.into(), known);
    });
    known
}

/// Whether `name` (`Hà Nội`, `HANOI`, `Corea del Norte`, `Ho Chi Minh-Ville`) is a place
/// on the list.
pub(crate) fn is_known_place(name: &str) -> bool {
    known(name).place
}

/// Whether `name` is a country, a region or a continent (`Nga`, `Việt Nam`, `Asie du
/// Sud-Est`), which may lead a person's name in a run (`Tổng thống Nga Vladimir Putin`).
pub(crate) fn is_known_region(name: &str) -> bool {
    known(name).region
}

/// Words that make a name a place, first or last (`Mekong Delta`, `Mer de Chine`, `Río
/// Bravo`, `Biển Đông`).
#[rustfmt::skip]
static PLACE_WORDS: super::words::WordSet = super::words::WordSet::new(&[
    "delta", "river", "sea", "lake", "island", "islands", "bay", "strait", "peninsula",
    "valley", "gulf", "ocean", "mountains", "mount", "province", "city", "county", "district",
    "mer", "golfe", "détroit", "île", "îles", "lac", "mont", "fleuve", "mar", "golfo", "río",
    "isla", "islas", "lago", "monte", "estrecho", "biển", "sông", "hồ", "núi", "đảo", "vịnh",
    "tỉnh", "quần",
]);

/// Whether `name` names a place: on the list, or a name of several words that a place
/// word opens or closes.
pub(crate) fn is_place_name(name: &str) -> bool {
    if let Some((first, _)) = name.split_once(' ')
        && let Some((_, last)) = name.rsplit_once(' ')
        && (PLACE_WORDS.contains(first) || PLACE_WORDS.contains(last))
    {
        return true;
    }
    is_known_place(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        let mut key = String::new();
        key_into(name, &mut key);
        key
    }

    #[test]
    fn every_line_is_folded_as_the_filter_folds() {
        for line in PLACES_TEXT.lines().filter(|line| !line.starts_with('#')) {
            assert_eq!(key(line), line);
        }
    }

    #[test]
    fn keys_fold_case_diacritics_and_hyphens() {
        assert_eq!(key("Hô-Chi-Minh-Ville"), "ho chi minh ville");
        assert_eq!(key("HÀ  NỘI"), "ha noi");
        assert_eq!(key("Asie du Sud-Est"), "asie du sud est");
    }

    #[test]
    fn places_are_known_in_the_four_languages() {
        for place in [
            "Hanoï",
            "Hanoi",
            "Hà Nội",
            "HANOI",
            "Russie",
            "Rusia",
            "Nga",
            "Russia",
            "Corea del Norte",
            "Asie du Sud-Est",
            "Việt Nam",
            "Moscou",
            "Moscú",
            "Trung Quốc",
            "Pékin",
            "Ho Chi Minh-Ville",
        ] {
            assert!(is_known_place(place), "{place}");
        }
        assert!(is_known_region("Nga") && is_known_region("Việt Nam") && !is_known_region("Hanoï"));
    }

    #[test]
    fn people_are_not_places() {
        for person in ["Tô Lâm", "Vladimir Poutine", "Nguyễn Phú Trọng", "Angela Merkel"] {
            assert!(!is_known_place(person), "{person}");
        }
    }
}
