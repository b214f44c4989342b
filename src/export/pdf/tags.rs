//! Tagged PDF for PDF/UA-1: the structure tree the layout recorded ([`Elem`]) written as
//! StructElem objects whose marked-content references point at the MCIDs of the page
//! content, the ParentTree that maps them back, an IDTree for Notes, and the catalog entries
//! (/MarkInfo, /ViewerPreferences /DisplayDocTitle, /Metadata XMP with `pdfuaid:part 1`).
//! The PDF/X keys printpdf writes into /Info are removed: the file makes no PDF/X claim.

use super::layout::{Elem, Kid, Tagged};
use crate::model::Guide;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// MCIDs handed out while the pages are drawn.
pub(crate) struct Mcids {
    /// For each tagged item (by `seq`): its page and MCID.
    of_seq: Vec<Option<(usize, usize)>>,
    /// For each page: the structure element of each MCID (the ParentTree entry).
    per_page: Vec<Vec<usize>>,
}

impl Mcids {
    pub(crate) fn new(tagged: usize, pages: usize) -> Mcids {
        Mcids {
            of_seq: vec![None; tagged],
            per_page: vec![Vec::new(); pages],
        }
    }

    /// The MCID of the item `t` on `page`: a new one, or (`continues`) the last one, when
    /// the item extends the marked-content sequence before it.
    pub(crate) fn add(&mut self, page: usize, t: Tagged, continues: bool) -> usize {
        let list = &mut self.per_page[page];
        let mcid = if continues && !list.is_empty() {
            list.len() - 1
        } else {
            list.push(t.elem);
            list.len() - 1
        };
        if let Some(slot) = self.of_seq.get_mut(t.seq) {
            *slot = Some((page, mcid));
        }
        mcid
    }
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// A dictionary of `entries`, in order, holding no spare capacity: a tagged PDF has one
/// structure element per paragraph, list item, label and body and one marked-content
/// reference per text run, so a spare slot in each (a dictionary grows 4 → 8) cost about
/// a third of the structure tree's memory with 100,000 bullets.
fn dict(entries: Vec<(&str, Object)>) -> Dictionary {
    let mut d = Dictionary::new();
    d.as_hashmap_mut().reserve_exact(entries.len());
    for (k, v) in entries {
        d.set(k, v);
    }
    d
}

/// Write the structure tree and the catalog entries of a tagged PDF.
// Long because it writes the structure tree object by object (elements with their kids, the
// ParentTree, the catalog entries and metadata), each step using the object ids the one
// before allocated.
pub(crate) fn write(
    doc: &mut Document,
    catalog_id: ObjectId,
    pages: &[ObjectId],
    elems: &[Elem],
    mcids: &Mcids,
    xmp: Vec<u8>,
) -> Result<(), lopdf::Error> {
    let root_id = doc.new_object_id();
    let ids: Vec<ObjectId> = elems.iter().map(|_| doc.new_object_id()).collect();
    let mut id_names: Vec<(String, ObjectId)> = Vec::new();
    for (i, e) in elems.iter().enumerate() {
        let mut kids = Vec::with_capacity(e.kids.len());
        let mut last = None;
        for k in &e.kids {
            match *k {
                Kid::Elem(c) => {
                    kids.push(Object::Reference(ids[c]));
                    last = None;
                }
                Kid::Content(seq) => {
                    let here = mcids.of_seq.get(seq).copied().flatten();
                    // items that shared one marked-content sequence are one reference
                    if here == last {
                        continue;
                    }
                    last = here;
                    if let Some((page, mcid)) = here
                        && let Some(&pg) = pages.get(page)
                    {
                        kids.push(Object::Dictionary(dict(vec![
                            ("Type", name("MCR")),
                            ("Pg", Object::Reference(pg)),
                            ("MCID", Object::Integer(mcid as i64)),
                        ])));
                    }
                }
            }
        }
        let mut d = Vec::with_capacity(7);
        d.push(("Type", name("StructElem")));
        d.push(("S", name(e.role)));
        d.push(("P", Object::Reference(e.parent.map_or(root_id, |p| ids[p]))));
        // the page of the first marked content, for readers that look there first
        if let Some(Some((page, _))) = e.kids.iter().find_map(|k| match k {
            Kid::Content(seq) => mcids.of_seq.get(*seq),
            Kid::Elem(_) => None,
        }) && let Some(&pg) = pages.get(*page)
        {
            d.push(("Pg", Object::Reference(pg)));
        }
        // a part in another language (WCAG 3.1.2; PDF/UA-1 7.2)
        if let Some(lang) = &e.lang {
            d.push(("Lang", Object::string_literal(lang.as_bytes().to_vec())));
        }
        if let Some(id) = &e.id {
            d.push(("ID", Object::string_literal(id.as_bytes().to_vec())));
            id_names.push((id.clone(), ids[i]));
        }
        // one kid is written bare (some checkers do not descend into a one-item array)
        d.push((
            "K",
            if kids.len() == 1 {
                kids.remove(0)
            } else {
                Object::Array(kids)
            },
        ));
        doc.objects.insert(ids[i], Object::Dictionary(dict(d)));
    }
    // ParentTree: page i (its /StructParents) -> the element of each MCID on it
    let mut nums = Vec::new();
    for (i, (&page_id, list)) in pages.iter().zip(&mcids.per_page).enumerate() {
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Array(
            list.iter().map(|&e| Object::Reference(ids[e])).collect(),
        ));
        let page = doc.get_object_mut(page_id)?.as_dict_mut()?;
        page.set("StructParents", Object::Integer(i as i64));
        page.set("Tabs", name("S"));
    }
    let parent_tree = doc.add_object(Dictionary::from_iter([("Nums", Object::Array(nums))]));
    let mut root = Dictionary::new();
    root.set("Type", name("StructTreeRoot"));
    root.set(
        "K",
        Object::Array(
            elems
                .iter()
                .enumerate()
                .filter(|(_, e)| e.parent.is_none())
                .map(|(i, _)| Object::Reference(ids[i]))
                .collect(),
        ),
    );
    root.set("ParentTree", Object::Reference(parent_tree));
    root.set("ParentTreeNextKey", Object::Integer(pages.len() as i64));
    if !id_names.is_empty() {
        id_names.sort();
        let names = id_names
            .into_iter()
            .flat_map(|(n, r)| [Object::string_literal(n.into_bytes()), Object::Reference(r)])
            .collect();
        root.set(
            "IDTree",
            Object::Dictionary(Dictionary::from_iter([("Names", Object::Array(names))])),
        );
    }
    doc.objects.insert(root_id, Object::Dictionary(root));

    let mut meta = Stream::new(
        Dictionary::from_iter([("Type", name("Metadata")), ("Subtype", name("XML"))]),
        xmp,
    );
    meta.allows_compression = false;
    let meta_id = doc.add_object(meta);

    let catalog = doc.get_object_mut(catalog_id)?.as_dict_mut()?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    catalog.set(
        "MarkInfo",
        Object::Dictionary(Dictionary::from_iter([("Marked", Object::Boolean(true))])),
    );
    catalog.set(
        "ViewerPreferences",
        Object::Dictionary(Dictionary::from_iter([(
            "DisplayDocTitle",
            Object::Boolean(true),
        )])),
    );
    catalog.set("Metadata", Object::Reference(meta_id));

    // no PDF/X claim (there is no OutputIntent); marked content needs PDF 1.4+, /Tabs 1.5
    if let Ok(info_id) = doc.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(info) = doc.get_object_mut(info_id).and_then(Object::as_dict_mut)
    {
        for key in ["GTS_PDFXVersion", "GTS_PDFXConformance", "Trapped"] {
            info.remove(key.as_bytes());
        }
    }
    doc.version = "1.7".to_string();
    Ok(())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XMP packet: PDF/UA-1 identification, title, authors, language, dates, tools.
pub(crate) fn xmp(guide: &Guide, date: time::OffsetDateTime) -> Vec<u8> {
    let when = date
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string());
    let creators: String = guide
        .authors
        .iter()
        .map(|a| format!("<rdf:li>{}</rdf:li>", xml_escape(&a.display())))
        .collect();
    let description = description(guide)
        .map(|d| {
            format!(
                "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
                xml_escape(&d)
            )
        })
        .unwrap_or_default();
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
<pdfuaid:part>1</pdfuaid:part>\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq>{creators}</rdf:Seq></dc:creator>\n\
{description}\n\
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
<xmp:CreateDate>{when}</xmp:CreateDate>\n\
<xmp:ModifyDate>{when}</xmp:ModifyDate>\n\
<xmp:MetadataDate>{when}</xmp:MetadataDate>\n\
<xmp:CreatorTool>guidepress</xmp:CreatorTool>\n\
<pdf:Producer>guidepress {version} (printpdf)</pdf:Producer>\n\
</rdf:Description>\n\
</rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"w\"?>",
        title = xml_escape(&guide.title),
        lang = xml_escape(&guide.language),
        version = env!("CARGO_PKG_VERSION"),
    )
    .into_bytes()
}

/// The document's description (PDF Subject, XMP dc:description): the summary, else the
/// subtitle; a draft's starts with its draft marking, so a viewer's properties say it too.
pub(super) fn description(guide: &crate::model::Guide) -> Option<String> {
    let text = guide
        .summary
        .as_ref()
        .map(|s| s.plain())
        .or_else(|| guide.subtitle.clone());
    match (guide.draft_notice(), text) {
        (Some(d), Some(t)) => Some(format!("{d}. {t}")),
        (Some(d), None) => Some(d.to_string()),
        (None, t) => t,
    }
}
