//! Large plans: a plan of 1,000 objectives builds, its tree drawn as one figure per
//! top-level branch, no text alternative longer than a PDF string may be.

#[allow(dead_code)]
#[path = "../../benches/sintetico/mod.rs"]
mod sintetico;

use crate::common::*;

#[test]
fn a_plan_of_a_thousand_objectives_builds() {
    // 40 areas, each with 5 strategic objectives of 4 operational objectives: 1,000
    // objectives. Its tree described as one text would be about 140,000 bytes.
    let (_dir, path) = plan_file(&sintetico::obiettivi(1000));
    let pdf = build_pdf(&path);
    let alts = alt_texts(&pdf);
    // The head of the tree and its 40 branches.
    let tree: Vec<&String> = alts
        .iter()
        .filter(|a| a.starts_with("Albero della performance") || a.starts_with("area strategica"))
        .collect();
    assert_eq!(tree.len(), 41, "{alts:#?}");
    for a in &alts {
        assert!(a.len() <= 32_767, "an alternative of {} bytes", a.len());
    }
    assert!(alts.iter().any(|a| a.starts_with(
        "area strategica 40 «Area strategica numero 40: competitività del territorio», che \
         comprende: obiettivo strategico 40.1 «Obiettivo strategico numero 976: "
    )));
    let text = pdf_text(&pdf);
    assert!(text.contains("Obiettivo operativo numero 1000"));
}
