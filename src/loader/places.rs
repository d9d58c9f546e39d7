//! The places liseuse knows by name, to tell them from people: countries, regions and
//! continents (Unicode CLDR) and cities (GeoNames), in English, French, Spanish and
//! Vietnamese, folded as the filter folds, built into the binary (`assets/places.txt`,
//! made by `assets/places.py`).

use std::sync::OnceLock;

use foldhash::HashSet;

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

/// `name` as the list holds it: folded, hyphens as spaces, single-spaced.
fn key(name: &str) -> String {
    let folded = fold_str(name);
    if folded.contains(['-', ' ']) {
        folded
            .split(['-', ' '])
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        folded
    }
}

/// Whether `name` (`Hà Nội`, `HANOI`, `Corea del Norte`, `Ho Chi Minh-Ville`) is a place
/// on the list.
pub(crate) fn is_known_place(name: &str) -> bool {
    places().all.contains(key(name).as_str())
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

/// Whether `name` is a country, a region or a continent (`Nga`, `Việt Nam`, `Asie du
/// Sud-Est`), which may lead a person's name in a run (`Tổng thống Nga Vladimir Putin`).
pub(crate) fn is_known_region(name: &str) -> bool {
    places().regions.contains(key(name).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_folded_as_the_filter_folds() {
        for line in PLACES_TEXT.lines().filter(|line| !line.starts_with('#')) {
            assert_eq!(key(line), line);
        }
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
