//! Precision and recall of the embedded default gazetteer, per type: on real news paragraphs
//! with gold annotations (`news`, tests/data/eval/) and on a trap suite of short sentences
//! written for the hard cases (`traps`, tests/data/traps/). Each prints its table and every
//! miss and false hit, and fails below what the default gazetteer reaches today, so a
//! regression is caught. `scripts/eval.sh` runs them with the output shown.

mod news;
mod suggest;
mod traps;

use std::collections::BTreeMap;

use gazette::{default_gazetteer, ExtractOptions, Extractor, GazetteerBuilder};

/// True, false and missed mentions of one type.
#[derive(Default, Debug, Clone, Copy)]
pub(crate) struct Counts {
    pub(crate) tp: usize,
    pub(crate) fp: usize,
    pub(crate) fn_: usize,
}

impl Counts {
    pub(crate) fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub(crate) fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub(crate) fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// One gold mention: its text (found in document order), type, and for places the expected
/// `country_code` (`Some(None)`: a place with no country, such as a region; `None`: not checked).
#[derive(Debug, Clone)]
pub(crate) struct Gold {
    pub(crate) text: String,
    pub(crate) ty: String,
    pub(crate) country: Option<Option<String>>,
}

/// A scored span: byte range, type, and the country of its entry.
type Span = (usize, usize, String, Option<String>);

fn gold_spans(text: &str, gold: &[Gold]) -> Vec<(Span, bool)> {
    let mut pos = 0;
    gold.iter()
        .map(|g| {
            let at = pos
                + text[pos..]
                    .find(g.text.as_str())
                    .unwrap_or_else(|| panic!("gold {:?} not found in order in {text:?}", g.text));
            pos = at + g.text.len();
            let country = g.country.clone().flatten();
            (
                (at, at + g.text.len(), g.ty.clone(), country),
                g.country.is_some(),
            )
        })
        .collect()
}

/// Scores one text against its gold mentions for `types`, adding to `totals` and describing
/// each error in `errors`. A mention is right when its span and type are; with a gold country,
/// its entry's `country_code` must be that country too (a place in the wrong country is a false
/// and a missed mention).
pub(crate) fn score(
    ex: &Extractor,
    name: &str,
    text: &str,
    gold: &[Gold],
    types: &[&'static str],
    totals: &mut BTreeMap<&'static str, Counts>,
    errors: &mut Vec<String>,
) {
    let gold = gold_spans(text, gold);
    let out = ex
        .extract(text, &ExtractOptions::default())
        .expect("extract");
    let predicted: Vec<Span> = out
        .mentions
        .iter()
        .map(|m| {
            let e = out.entry(m.entry);
            let cc = e.attribute("country_code").map(str::to_string);
            (m.byte_start, m.byte_end, e.entity_type().to_string(), cc)
        })
        .filter(|p| types.contains(&p.2.as_str()))
        .collect();
    let same = |p: &Span, (g, check): &(Span, bool)| {
        p.0 == g.0 && p.1 == g.1 && p.2 == g.2 && (!check || p.3 == g.3)
    };
    for &ty in types {
        let c = totals.entry(ty).or_default();
        for p in predicted.iter().filter(|p| p.2 == ty) {
            if gold.iter().any(|g| same(p, g)) {
                c.tp += 1;
            } else {
                c.fp += 1;
                let cc = p.3.as_deref().unwrap_or("-");
                errors.push(format!("{name}: false {ty} {:?} ({cc})", &text[p.0..p.1]));
            }
        }
        for g in gold.iter().filter(|g| g.0 .2 == ty) {
            if !predicted.iter().any(|p| same(p, g)) {
                c.fn_ += 1;
                let cc = g.0 .3.as_deref().unwrap_or("-");
                errors.push(format!(
                    "{name}: missed {ty} {:?} ({cc}) at {}",
                    &text[g.0 .0..g.0 .1],
                    g.0 .0
                ));
            }
        }
    }
}

pub(crate) fn print_table(title: &str, totals: &BTreeMap<&'static str, Counts>) {
    println!("\n{title}");
    println!(
        "{:<13} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "type", "tp", "fp", "fn", "precision", "recall"
    );
    for (ty, c) in totals {
        println!(
            "{ty:<13} {:>5} {:>5} {:>5} {:>9.3} {:>7.3}",
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall()
        );
    }
}

pub(crate) fn default_extractor() -> Extractor {
    let mut b = GazetteerBuilder::new();
    default_gazetteer::add_to(&mut b);
    Extractor::new(b.build().expect("default gazetteer"))
}
