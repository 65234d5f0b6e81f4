//! The compact form of the observations (pure): one array per field
//! ("columns"), ids written as positions in the document's own lists, for
//! datasets of many observations (issue 14: 100,000 observations in about a
//! quarter of the bytes of the readable form). Decoded into the same
//! [`Observation`]s as the readable form, then validated by the same rules;
//! a problem of row `i` is reported at the column's path
//! (`observations.value[40213]`), see `docs/data-format.md`, "The compact
//! form".

use super::validate::Problem;
use super::{Dataset, Gender, Id, Observation, Qualifier, Status};
use crate::i18n::Msg;
use serde::Deserialize;

/// The qualifiers in the order of their positions in the `qualifier` column.
pub const QUALIFIERS: [Qualifier; 3] = [Qualifier::Exact, Qualifier::MoreThan, Qualifier::About];
/// The statuses in the order of their positions in the `status` column.
pub const STATUSES: [Status; 4] = [
    Status::Reported,
    Status::Derived,
    Status::Estimated,
    Status::Illustrative,
];
/// The genders in the order of their positions in the `gender` column.
pub const GENDERS: [Gender; 2] = [Gender::Female, Gender::Male];

/// A column of positions; `null` means "all" in a dimension column, and is
/// refused in a required one. One type for every column of positions keeps
/// the decoder small (one instance of serde's code, not one per width).
type Positions = Vec<Option<u32>>;

/// The JSON of `observations` in the compact form. A dimension column may be
/// left out (no row has that dimension).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// How many observations; every column has this length.
    pub rows: usize,
    /// The periods the `period` column points into (`2024`, `2019/2024`).
    #[serde(default)]
    pub periods: Vec<String>,
    /// Positions in `indicators`.
    pub indicator: Positions,
    /// The count, or the share when the `share` column says 1.
    pub value: Vec<f64>,
    /// 1: the value is a share; 0: a count. Left out: every value is a count.
    #[serde(default)]
    pub share: Option<Positions>,
    /// Positions in [`QUALIFIERS`].
    pub qualifier: Positions,
    /// Positions in [`STATUSES`].
    pub status: Positions,
    /// Positions in `sources`.
    pub source: Positions,
    #[serde(default)]
    pub area: Option<Positions>,
    #[serde(default)]
    pub program: Option<Positions>,
    #[serde(default)]
    pub region: Option<Positions>,
    #[serde(default)]
    pub country: Option<Positions>,
    /// Positions in [`GENDERS`].
    #[serde(default)]
    pub gender: Option<Positions>,
    #[serde(default)]
    pub group: Option<Positions>,
    /// Positions in `periods`.
    #[serde(default)]
    pub period: Option<Positions>,
}

/// The members of a JSON object, unread (name -> the value's text), from
/// the text of a valid JSON object (a `RawValue`'s): one pass over the bytes
/// that only follows strings and brackets (H34: serde's reading of the
/// members as raw values went through every number of 100,000 rows, as
/// long again as reading them). `None` for a repeated name (serde reads a map
/// by keeping the last value of a name, where a struct's derive refuses it),
/// a name with an escape, or more than [`MAX_MEMBERS`] members (the names
/// are compared with each other): the caller then reads the object with
/// serde. A list, not a map: a map of a new type is code of its own.
pub(crate) type Members<'t> = Vec<(&'t str, &'t str)>;

/// See [`members`]: the format has 12 members at the top, 15 columns.
pub(crate) const MAX_MEMBERS: usize = 32;

/// The value of member `name`.
pub(crate) fn member<'t>(members: &[(&str, &'t str)], name: &str) -> Option<&'t str> {
    members.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

pub(crate) fn members(text: &str) -> Option<Members<'_>> {
    let b = text.as_bytes();
    let ws = |mut i: usize| {
        while b
            .get(i)
            .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        {
            i += 1;
        }
        i
    };
    let mut map: Members = Vec::new();
    let mut i = ws(0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = ws(i + 1);
    if b.get(i) == Some(&b'}') {
        return (ws(i + 1) == b.len()).then_some(map);
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let start = i + 1;
        // A name with an escape or a control character (which JSON refuses
        // in a string): serde's read decides.
        let end = start
            + b[start..]
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
        if b[end] != b'"' {
            return None;
        }
        i = ws(end + 1);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = ws(i + 1);
        let from = i;
        let mut depth = 0usize;
        loop {
            match *b.get(i)? {
                b'"' => {
                    i += 1;
                    loop {
                        match *b.get(i)? {
                            b'\\' => i += 2,
                            b'"' => break,
                            _ => i += 1,
                        }
                    }
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth == 0 => break,
                b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                b',' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        let name = &text[start..end];
        if map.len() >= MAX_MEMBERS || member(&map, name).is_some() {
            return None;
        }
        map.push((name, text[from..i].trim_end()));
        i = ws(i);
        match b.get(i)? {
            b',' => i = ws(i + 1),
            b'}' => return (ws(i + 1) == b.len()).then_some(map),
            _ => return None,
        }
    }
}

/// Reads the columns one at a time, calling `pause` after each (the app
/// yields to the browser there). A column of positions is read by
/// [`positions`], the values and periods by serde. `None` when anything is
/// not as the format says: the caller then reads the whole object with
/// [`Columns`], which reports the first problem in document order.
pub async fn columns_in_steps<F: Future<Output = ()>>(
    raw: &str,
    mut pause: impl FnMut() -> F,
) -> Option<Columns> {
    // A column given twice is refused, as the read at once refuses it.
    let map = members(raw)?;
    const KNOWN: [&str; 15] = [
        "rows",
        "periods",
        "indicator",
        "value",
        "share",
        "qualifier",
        "status",
        "source",
        "area",
        "program",
        "region",
        "country",
        "gender",
        "group",
        "period",
    ];
    if map.iter().any(|(k, _)| !KNOWN.contains(k)) {
        return None;
    }
    let column = |k: &str| member(&map, k).map(positions);
    let rows = match positions(&format!("[{}]", member(&map, "rows")?))?[..] {
        [Some(n)] => n as usize,
        _ => return None,
    };
    pause().await;
    let mut c = Columns {
        rows,
        value: serde_json::from_slice(member(&map, "value")?.as_bytes()).ok()?,
        ..Default::default()
    };
    if let Some(p) = member(&map, "periods") {
        c.periods = serde_json::from_slice(p.as_bytes()).ok()?;
    }
    pause().await;
    for (to, k) in [
        (&mut c.indicator, "indicator"),
        (&mut c.qualifier, "qualifier"),
        (&mut c.status, "status"),
        (&mut c.source, "source"),
    ] {
        *to = column(k)??;
        pause().await;
    }
    for (to, k) in [
        (&mut c.share, "share"),
        (&mut c.area, "area"),
        (&mut c.program, "program"),
        (&mut c.region, "region"),
        (&mut c.country, "country"),
        (&mut c.gender, "gender"),
        (&mut c.group, "group"),
        (&mut c.period, "period"),
    ] {
        if let Some(read) = column(k) {
            *to = Some(read?);
            pause().await;
        }
    }
    Some(c)
}

/// A JSON array of positions (`[0, null, 12]`): `u32`s in JSON's own
/// spelling (no sign, no leading zero, no fraction) or `null`. `None` for
/// anything else, which serde then names (issue 14: a column of 100,000
/// positions without serde's generic code, in one linear pass).
pub fn positions(text: &str) -> Option<Positions> {
    let b = text.as_bytes();
    let mut i = 0;
    let ws = |i: &mut usize| {
        while b
            .get(*i)
            .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        {
            *i += 1;
        }
    };
    ws(&mut i);
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    ws(&mut i);
    // As many as there are commas, plus one (H34: `null,` is five bytes,
    // `11,` three: half the bytes was up to 2.5 times the positions).
    let mut out = Vec::with_capacity(b.iter().filter(|&&c| c == b',').count() + 1);
    if b.get(i) == Some(&b']') {
        i += 1;
    } else {
        loop {
            if b[i..].starts_with(b"null") {
                out.push(None);
                i += 4;
            } else {
                let start = i;
                let mut n: u32 = 0;
                while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
                    n = n.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
                    i += 1;
                }
                // No digits, or a leading zero.
                if i == start || (b[start] == b'0' && i - start > 1) {
                    return None;
                }
                out.push(Some(n));
            }
            ws(&mut i);
            match b.get(i)? {
                b',' => {
                    i += 1;
                    ws(&mut i);
                }
                b']' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    ws(&mut i);
    (i == b.len()).then_some(out)
}

/// Resolves one column's positions into a list, reporting each position
/// that is not in it at `observations.<column>[row]`.
struct Resolver<'a, T> {
    column: &'static str,
    /// The list's name as the message shows it.
    list: &'a str,
    items: &'a [T],
}

impl<T: Clone> Resolver<'_, T> {
    /// The entry at a required column's position (`null` is refused).
    fn required(&self, row: usize, at: Option<u32>, out: &mut Vec<Problem>) -> Option<T> {
        match at {
            Some(at) => self.get(row, at.into(), out),
            None => {
                out.push(
                    Problem::error(
                        format!("observations.{}[{row}]", self.column),
                        Msg::DataProblemInvalidType,
                    )
                    .arg("value", "null")
                    .arg("expected", "u32"),
                );
                None
            }
        }
    }

    fn get(&self, row: usize, at: u64, out: &mut Vec<Problem>) -> Option<T> {
        let found = usize::try_from(at)
            .ok()
            .and_then(|i| self.items.get(i))
            .cloned();
        if found.is_none() {
            out.push(
                Problem::error(
                    format!("observations.{}[{row}]", self.column),
                    Msg::GrowthProblemNoEntry,
                )
                .arg("value", at)
                .arg("list", self.list),
            );
        }
        found
    }
}

/// Fills `ds.observations` from the columns: ids become the lists' own
/// (shared) ids. Every problem at once: a column of the wrong length, a
/// position outside its list.
pub fn expand(ds: &mut Dataset, c: Columns) -> Result<(), Vec<Problem>> {
    super::steps::now(expand_in_steps(ds, c, || async {}))
}

/// [`expand`], calling `pause` after every [`ROWS_PER_STEP`] rows.
///
/// [`ROWS_PER_STEP`]: super::validate::ROWS_PER_STEP
pub async fn expand_in_steps<F: Future<Output = ()>>(
    ds: &mut Dataset,
    c: Columns,
    mut pause: impl FnMut() -> F,
) -> Result<(), Vec<Problem>> {
    let mut out = Vec::new();
    let rows = c.rows;
    let mut length = |column: &str, len: Option<usize>| {
        if let Some(len) = len.filter(|&n| n != rows) {
            out.push(
                Problem::error(
                    format!("observations.{column}"),
                    Msg::GrowthProblemColumnLength,
                )
                .arg("found", len)
                .arg("rows", rows),
            );
        }
    };
    length("indicator", Some(c.indicator.len()));
    length("value", Some(c.value.len()));
    length("share", c.share.as_ref().map(Vec::len));
    length("qualifier", Some(c.qualifier.len()));
    length("status", Some(c.status.len()));
    length("source", Some(c.source.len()));
    length("area", c.area.as_ref().map(Vec::len));
    length("program", c.program.as_ref().map(Vec::len));
    length("region", c.region.as_ref().map(Vec::len));
    length("country", c.country.as_ref().map(Vec::len));
    length("gender", c.gender.as_ref().map(Vec::len));
    length("group", c.group.as_ref().map(Vec::len));
    length("period", c.period.as_ref().map(Vec::len));
    if !out.is_empty() {
        return Err(out);
    }
    let ids = |v: Vec<&String>| v.into_iter().map(Id::from).collect::<Vec<Id>>();
    let indicators = ids(ds.indicators.iter().map(|x| &x.id).collect());
    let sources = ids(ds.sources.iter().map(|x| &x.id).collect());
    let areas = ids(ds.areas.iter().map(|x| &x.id).collect());
    let programs = ids(ds.programs.iter().map(|x| &x.id).collect());
    let regions = ids(ds.regions.iter().map(|x| &x.code).collect());
    let countries = ids(ds.countries.iter().map(|x| &x.code).collect());
    let groups = ids(ds.groups.iter().map(|x| &x.id).collect());
    let periods = ids(c.periods.iter().collect());
    let flags = [false, true];
    let r_indicator = Resolver {
        column: "indicator",
        list: "indicators",
        items: &indicators,
    };
    let r_source = Resolver {
        column: "source",
        list: "sources",
        items: &sources,
    };
    let r_share = Resolver {
        column: "share",
        list: "0, 1",
        items: &flags,
    };
    let r_qualifier = Resolver {
        column: "qualifier",
        list: "exact, more_than, about",
        items: &QUALIFIERS,
    };
    let r_status = Resolver {
        column: "status",
        list: "reported, derived, estimated, illustrative",
        items: &STATUSES,
    };
    let r_gender = Resolver {
        column: "gender",
        list: "female, male",
        items: &GENDERS,
    };
    let dims = [
        ("area", "areas", &areas, &c.area),
        ("program", "programs", &programs, &c.program),
        ("region", "regions", &regions, &c.region),
        ("country", "countries", &countries, &c.country),
        ("group", "groups", &groups, &c.group),
        ("period", "periods", &periods, &c.period),
    ]
    .map(|(column, list, items, values)| {
        (
            Resolver {
                column,
                list,
                items: items.as_slice(),
            },
            values.as_deref(),
        )
    });
    let mut observations = Vec::with_capacity(rows);
    for row in 0..rows {
        if row > 0 && row % super::validate::ROWS_PER_STEP == 0 {
            pause().await;
        }
        let indicator = r_indicator.required(row, c.indicator[row], &mut out);
        let source = r_source.required(row, c.source[row], &mut out);
        let share = match &c.share {
            Some(s) => r_share.required(row, s[row], &mut out),
            None => Some(false),
        };
        let qualifier = r_qualifier.required(row, c.qualifier[row], &mut out);
        let status = r_status.required(row, c.status[row], &mut out);
        let gender = match c.gender.as_ref().and_then(|g| g[row]) {
            Some(at) => r_gender.get(row, at.into(), &mut out).map(Some),
            None => Some(None),
        };
        let [area, program, region, country, group, period] =
            dims.each_ref()
                .map(|(resolver, values)| match values.and_then(|v| v[row]) {
                    Some(at) => resolver.get(row, at.into(), &mut out).map(Some),
                    None => Some(None),
                });
        let (
            Some(indicator),
            Some(source),
            Some(share),
            Some(qualifier),
            Some(status),
            Some(gender),
            Some(area),
            Some(program),
            Some(region),
            Some(country),
            Some(group),
            Some(period),
        ) = (
            indicator, source, share, qualifier, status, gender, area, program, region, country,
            group, period,
        )
        else {
            continue;
        };
        let value = c.value[row];
        observations.push(Observation {
            indicator,
            count: (!share).then_some(value),
            share: share.then_some(value),
            qualifier,
            status,
            source,
            area,
            program,
            region,
            country,
            gender,
            group,
            period,
        });
    }
    if !out.is_empty() {
        return Err(out);
    }
    ds.observations = observations;
    Ok(())
}

/// The path of a validation problem in the compact form: the field of row
/// `i` (`observations[i].region`) is `observations.region[i]`, and a count
/// or a share is in the `value` column. A whole row (`observations[i]`, a
/// duplicate) keeps its readable name: row `i` of every column.
pub fn column_path(path: &str) -> String {
    let Some(rest) = path.strip_prefix("observations[") else {
        return path.to_string();
    };
    let Some((row, field)) = rest.split_once("].") else {
        return path.to_string();
    };
    let column = match field {
        "count" | "share" => "value",
        other => other,
    };
    format!("observations.{column}[{row}]")
}

/// The compact form of a dataset's observations (as JSON), the inverse of
/// [`expand`]: for tests and tools. Ids not in their list are an error.
pub fn encode(ds: &Dataset) -> Result<serde_json::Value, String> {
    use serde_json::{Value, json};
    fn position<T: PartialEq + ?Sized>(list: &[&T], x: &T, what: &str) -> Result<u32, String> {
        list.iter()
            .position(|y| *y == x)
            .map(|i| i as u32)
            .ok_or_else(|| format!("{what}: not in its list"))
    }
    let indicators: Vec<&str> = ds.indicators.iter().map(|x| x.id.as_str()).collect();
    let sources: Vec<&str> = ds.sources.iter().map(|x| x.id.as_str()).collect();
    let areas: Vec<&str> = ds.areas.iter().map(|x| x.id.as_str()).collect();
    let programs: Vec<&str> = ds.programs.iter().map(|x| x.id.as_str()).collect();
    let regions: Vec<&str> = ds.regions.iter().map(|x| x.code.as_str()).collect();
    let countries: Vec<&str> = ds.countries.iter().map(|x| x.code.as_str()).collect();
    let groups: Vec<&str> = ds.groups.iter().map(|x| x.id.as_str()).collect();
    let mut periods: Vec<&str> = Vec::new();
    for o in &ds.observations {
        if let Some(p) = o.period.as_deref()
            && !periods.contains(&p)
        {
            periods.push(p);
        }
    }
    let mut cols: std::collections::BTreeMap<&str, Vec<Value>> = Default::default();
    let mut push = |k: &'static str, v: Value| cols.entry(k).or_default().push(v);
    let opt = |x: Option<&str>, list: &[&str], what: &str| -> Result<Value, String> {
        x.map(|x| position(list, x, what).map(Value::from))
            .unwrap_or(Ok(Value::Null))
    };
    for o in &ds.observations {
        push(
            "indicator",
            position(&indicators, &*o.indicator, "indicator")?.into(),
        );
        push("value", json!(o.value()));
        push("share", u8::from(o.is_share()).into());
        push(
            "qualifier",
            position(&QUALIFIERS.each_ref(), &o.qualifier, "qualifier")?.into(),
        );
        push(
            "status",
            position(&STATUSES.each_ref(), &o.status, "status")?.into(),
        );
        push("source", position(&sources, &*o.source, "source")?.into());
        push("area", opt(o.area.as_deref(), &areas, "area")?);
        push("program", opt(o.program.as_deref(), &programs, "program")?);
        push("region", opt(o.region.as_deref(), &regions, "region")?);
        push("country", opt(o.country.as_deref(), &countries, "country")?);
        push(
            "gender",
            match o.gender {
                Some(g) => position(&GENDERS.each_ref(), &g, "gender")?.into(),
                None => Value::Null,
            },
        );
        push("group", opt(o.group.as_deref(), &groups, "group")?);
        push("period", opt(o.period.as_deref(), &periods, "period")?);
    }
    let mut out = serde_json::Map::new();
    out.insert("rows".into(), ds.observations.len().into());
    if !periods.is_empty() {
        out.insert("periods".into(), json!(periods));
    }
    for (k, v) in cols {
        // A column with nothing in it is left out (all counts, no such
        // dimension).
        let empty = v.iter().all(|x| x.is_null() || (k == "share" && *x == 0));
        let required = matches!(k, "indicator" | "value" | "qualifier" | "status" | "source");
        if required || !empty {
            out.insert(k.into(), Value::Array(v));
        }
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::i18n::Locale;
    use crate::model::MAX_DOCUMENT_BYTES;
    use crate::model::parse::{Form, check, decode_form, parse};
    use serde_json::{Value, json};

    /// The shipped dataset: valid, and it uses every column (the fixture
    /// `small.json` is not a valid document).
    const LAB: &str = include_str!("../../public/data/impact.json");

    pub(crate) fn readable() -> Value {
        serde_json::from_str(LAB).unwrap()
    }

    /// The same document with its observations in the compact form.
    pub(crate) fn compact_of(doc: &Value) -> Value {
        // Decoded without the readable form's size limit.
        let ds: Dataset = serde_json::from_value(doc.clone()).unwrap();
        let mut out = doc.clone();
        out["observations"] = encode(&ds).unwrap();
        out
    }

    /// The dataset grown to `n` observations: its observations, then whole
    /// copies of them for the years 1000, 1001, … (periods overlap, so each
    /// copy is as consistent as the original), then the whole-reach total
    /// alone for further years up to `n`.
    pub(crate) fn grown(n: usize) -> Value {
        let mut doc = readable();
        let base = doc["observations"].as_array().unwrap().clone();
        let total = base
            .iter()
            .find(|o| {
                o["indicator"] == "beneficiaries"
                    && o.get("count").is_some()
                    && o.as_object().unwrap().len() == 5
            })
            .unwrap()
            .clone();
        let all = doc["observations"].as_array_mut().unwrap();
        let mut year = 1000;
        let with = |o: &Value, year: u32| {
            let mut o = o.clone();
            o["period"] = json!(format!("{year}"));
            o
        };
        while all.len() + base.len() <= n {
            all.extend(base.iter().map(|o| with(o, year)));
            year += 1;
        }
        while all.len() < n {
            all.push(with(&total, year));
            year += 1;
        }
        doc
    }

    pub(crate) fn bytes(doc: &Value) -> Vec<u8> {
        serde_json::to_vec(doc).unwrap()
    }

    /// Problems of a compact document: (path, message).
    fn problems(doc: &Value) -> Vec<(String, Msg)> {
        check(&bytes(doc))
            .1
            .into_iter()
            .map(|p| (p.path, p.msg))
            .collect()
    }

    /// H34: the members split by one pass over the bytes are serde's.
    #[test]
    fn members_are_split_as_serde_reads_them() {
        for text in [
            r#"{}"#,
            r#" { "rows" : 3 , "value":[1, 2.5e3,-0.5] ,"periods":["a]\"}","{[",""],
                "area":[null,0, 12], "x": {"y": [{"z": "}"}]}, "e": "" } "#,
            r#"{"a":{},"b":[],"c":[[]],"d":true,"f":null}"#,
        ] {
            let want: std::collections::BTreeMap<String, &serde_json::value::RawValue> =
                serde_json::from_str(text).unwrap();
            let mut got = members(text).unwrap();
            got.sort();
            let want: Vec<(&str, &str)> = want.iter().map(|(k, v)| (k.as_str(), v.get())).collect();
            assert_eq!(got, want, "{text}");
        }
        // A repeated name, or one with an escape: serde's read decides.
        assert_eq!(members(r#"{"a":1,"a":2}"#), None);
        assert_eq!(members(r#"{"\u0061":1}"#), None);
        assert_eq!(members(r#"[1]"#), None);
        assert_eq!(members("{\"a\tb\":1}"), None);
        assert_eq!(members(r#"{"a":1} x"#), None);
        // Many members: serde's read (the names are compared with each other).
        let many: Vec<String> = (0..=MAX_MEMBERS).map(|i| format!("\"m{i}\":{i}")).collect();
        let many = format!("{{{}}}", many.join(","));
        assert_eq!(members(&many).map(|m| m.len()), None);
        let fewer = many.replacen(&format!(",\"m{MAX_MEMBERS}\":{MAX_MEMBERS}"), "", 1);
        assert_eq!(members(&fewer).map(|m| m.len()), Some(MAX_MEMBERS));
    }

    /// H34: a column of positions is sized by its commas, not by half its
    /// bytes (`null,` is five bytes: that was 2.5 times the room needed).
    #[test]
    fn positions_take_the_room_they_need() {
        let text = format!("[{}11]", "null, ".repeat(999));
        let p = positions(&text).unwrap();
        assert_eq!(p.len(), 1_000);
        assert_eq!(p.capacity(), 1_000);
        assert_eq!(p[999], Some(11));
        assert_eq!(positions("[]").unwrap().capacity(), 1);
    }

    /// H34: validating 20,000 rows holds at most this many bytes a row at
    /// once (the rows' keys and two tables of rows); with maps from keys to
    /// counts and rows it was about twice as many. Memory, not time: the
    /// count is the same on every machine.
    #[test]
    fn validation_holds_few_bytes_a_row() {
        let n = 20_000;
        let ds = decode_form(&bytes(&compact_of(&grown(n)))).unwrap().0;
        let (peak, problems) =
            crate::testing::memory::peak_bytes(|| crate::model::validate::validate(&ds));
        assert!(
            problems.is_empty(),
            "{:?}",
            &problems[..problems.len().min(3)]
        );
        println!("validation: {} bytes a row", peak / n);
        assert!(peak / n <= 120, "{} bytes a row", peak / n);
    }

    /// H34: an unknown id is looked up once, and still reported on every
    /// row that has it.
    #[test]
    fn an_unknown_id_is_reported_on_every_row() {
        let mut doc = readable();
        for i in [3, 7, 11] {
            let o = &mut doc["observations"][i];
            o["region"] = json!("MA-99");
            o["group"] = json!("nobody");
            o["period"] = json!("20x");
            o["indicator"] = json!("nothing");
            o.as_object_mut().unwrap().remove("country");
        }
        let paths: Vec<String> = check(&bytes(&doc)).1.into_iter().map(|p| p.path).collect();
        for i in [3, 7, 11] {
            for field in ["region", "group", "period", "indicator"] {
                let at = format!("observations[{i}].{field}");
                assert!(paths.contains(&at), "{at}: {paths:?}");
            }
        }
    }

    #[test]
    fn both_forms_give_the_same_model() {
        let doc = grown(1000);
        let (a, form_a) = decode_form(&bytes(&doc)).unwrap();
        let compact = compact_of(&doc);
        let (b, form_b) = decode_form(&bytes(&compact)).unwrap();
        assert_eq!((form_a, form_b), (Form::Readable, Form::Compact));
        assert_eq!(a.observations.len(), 1000);
        assert!(check(&bytes(&doc)).1.is_empty());
        assert!(check(&bytes(&compact)).1.is_empty());
        assert_eq!(a, b);
        // Every optional column is used by the fixture, and left out when
        // nothing is in it.
        for column in [
            "share", "area", "program", "region", "country", "gender", "group",
        ] {
            assert!(compact["observations"].get(column).is_some(), "{column}");
        }
        let no_period = compact_of(&readable());
        assert!(no_period["observations"].get("period").is_none());
        assert_eq!(
            parse(&bytes(&no_period)).unwrap(),
            parse(LAB.as_bytes()).unwrap()
        );
        // And back: the compact form written again is the same.
        assert_eq!(encode(&b).unwrap(), compact["observations"]);
    }

    #[test]
    fn ids_are_shared_not_copied() {
        for doc in [compact_of(&grown(1000)), grown(1000)] {
            let ds = parse(&bytes(&doc)).unwrap();
            let mut first: std::collections::HashMap<&str, &Id> = Default::default();
            let mut distinct = 0;
            for o in &ds.observations {
                for id in [Some(&o.source), o.region.as_ref(), o.period.as_ref()]
                    .into_iter()
                    .flatten()
                {
                    let f = first.entry(id.as_str()).or_insert_with(|| {
                        distinct += 1;
                        id
                    });
                    assert!(id.shares(f), "{id}");
                }
            }
            // Sources, regions and the 73 periods: far fewer than the rows.
            assert!(distinct < 100, "{distinct}");
        }
    }

    /// 1k, 10k, 100k observations in the compact form: under the limit,
    /// valid, and each lookup of the index compares one observation whatever
    /// their number (a scan would compare all of them).
    #[test]
    fn growth_is_linear_to_100k_observations() {
        let mut sizes = Vec::new();
        for n in [1_000, 10_000, 100_000] {
            let doc = compact_of(&grown(n));
            let text = bytes(&doc);
            assert!(
                text.len() <= MAX_DOCUMENT_BYTES,
                "{n}: {} bytes",
                text.len()
            );
            sizes.push(text.len());
            let ds = parse(&text).unwrap_or_else(|p| panic!("{n}: {:?}", &p[..p.len().min(3)]));
            assert_eq!(ds.observations.len(), n);
            let before = crate::model::index::compared();
            let mut found = 0;
            for o in ds.observations.iter().step_by(n / 1_000) {
                let dims = crate::model::index::Dims::of(o);
                assert!(ds.find(&o.indicator, o.is_share(), &dims).is_some());
                found += 1;
            }
            assert_eq!(crate::model::index::compared() - before, found, "{n}");
        }
        // Bytes grow with the rows, not faster.
        assert!(
            sizes[2] < sizes[1] * 11 && sizes[1] < sizes[0] * 11,
            "{sizes:?}"
        );
    }

    #[test]
    fn a_readable_document_over_its_limit_is_refused_before_parsing() {
        let doc = grown(20_000);
        let text = bytes(&doc);
        assert!(text.len() > crate::model::MAX_READABLE_BYTES);
        let p = check(&text).1;
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].path.as_str(), p[0].msg),
            ("$", Msg::DataProblemTooLarge)
        );
        assert_eq!(
            p[0].args[1],
            (
                "limit".to_string(),
                crate::model::MAX_READABLE_BYTES.to_string()
            )
        );
        // The same observations in the compact form are read.
        assert!(parse(&bytes(&compact_of(&doc))).is_ok());
    }

    #[test]
    fn validation_problems_name_the_column_and_row() {
        let mut doc = compact_of(&grown(100));
        let c = &mut doc["observations"];
        // Row 40 of the fixture's rows: whole number for people.
        let row = (0..100)
            .find(|&i| c["share"][i] == 0 && c["value"][i].as_f64().unwrap() > 2.0)
            .unwrap();
        c["value"][row] = json!(10.5);
        let share_row = (0..100).find(|&i| c["share"][i] == 1).unwrap();
        c["value"][share_row] = json!(1.5);
        let found = problems(&doc);
        assert!(
            found.contains(&(
                format!("observations.value[{row}]"),
                Msg::ValidateProblemNotWhole
            )),
            "{found:?}"
        );
        assert!(found.contains(&(
            format!("observations.value[{share_row}]"),
            Msg::DataProblemShareOutOfRange
        )));
        // The list a column points into is checked as in the readable form.
        let mut doc = compact_of(&grown(100));
        doc["regions"][0]["code"] = json!("MA-13");
        assert!(
            problems(&doc)
                .contains(&("regions[0].code".to_string(), Msg::DataProblemUnknownRegion))
                || problems(&doc).iter().any(|(p, _)| p == "regions[0].code")
        );
        // A duplicate row keeps its row name.
        let mut doc = compact_of(&readable());
        let c = doc["observations"].as_object_mut().unwrap();
        for (k, v) in c.iter_mut() {
            if let Value::Array(a) = v
                && k != "periods"
            {
                let first = a[0].clone();
                a.push(first);
            }
        }
        let rows = c["rows"].as_u64().unwrap() + 1;
        c["rows"] = json!(rows);
        assert!(problems(&doc).contains(&(
            format!("observations[{}]", rows - 1),
            Msg::DataProblemDuplicateObservation
        )));
    }

    #[test]
    fn unknown_positions_are_refused_with_their_path() {
        let mut doc = compact_of(&grown(100));
        let regions = doc["regions"].as_array().unwrap().len();
        let row = (0..100)
            .find(|&i| !doc["observations"]["region"][i].is_null())
            .unwrap();
        doc["observations"]["region"][row] = json!(regions);
        doc["observations"]["status"][3] = json!(4);
        doc["observations"]["indicator"][7] = json!(99);
        let p = check(&bytes(&doc)).1;
        let found: Vec<_> = p.iter().map(|p| (p.path.as_str(), p.msg)).collect();
        assert_eq!(
            found,
            vec![
                ("observations.status[3]", Msg::GrowthProblemNoEntry),
                ("observations.indicator[7]", Msg::GrowthProblemNoEntry),
                (
                    format!("observations.region[{row}]").as_str(),
                    Msg::GrowthProblemNoEntry
                ),
            ]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b))
            .collect::<Vec<_>>()
            .iter()
            .map(|(a, b)| (a.as_str(), *b))
            .collect::<Vec<_>>()
        );
        let region = p.iter().find(|p| p.path.contains("region")).unwrap();
        assert_eq!(
            region.describe(Locale::En),
            format!(
                "observations.region[{row}]: position {regions} is not in the list \"regions\""
            )
        );
    }

    #[test]
    fn column_types_and_lengths_are_checked() {
        let mut doc = compact_of(&grown(100));
        doc["observations"]["area"][4] = json!(-1);
        let p = check(&bytes(&doc)).1;
        assert_eq!(
            (p[0].path.as_str(), p[0].msg),
            ("observations.area[4]", Msg::DataProblemInvalidValue)
        );
        let mut doc = compact_of(&grown(100));
        doc["observations"]["value"][9] = json!("12");
        let p = check(&bytes(&doc)).1;
        assert_eq!(
            (p[0].path.as_str(), p[0].msg),
            ("observations.value[9]", Msg::DataProblemInvalidType)
        );
        let mut doc = compact_of(&grown(100));
        doc["observations"]["status"][2] = json!(null);
        let p = check(&bytes(&doc)).1;
        assert_eq!(
            (p[0].path.as_str(), p[0].msg),
            ("observations.status[2]", Msg::DataProblemInvalidType)
        );
        let mut doc = compact_of(&grown(100));
        doc["observations"]["colour"] = json!([]);
        let p = check(&bytes(&doc)).1;
        assert_eq!(
            (p[0].path.as_str(), p[0].msg),
            ("observations.colour", Msg::DataProblemUnknownField)
        );
        let mut doc = compact_of(&grown(100));
        doc["observations"]
            .as_object_mut()
            .unwrap()
            .remove("source");
        let p = check(&bytes(&doc)).1;
        assert_eq!(
            (p[0].path.as_str(), p[0].msg),
            ("observations.source", Msg::DataProblemMissingField)
        );
        let mut doc = compact_of(&grown(100));
        doc["observations"]["gender"].as_array_mut().unwrap().pop();
        doc["observations"]["value"]
            .as_array_mut()
            .unwrap()
            .push(json!(1));
        let p = check(&bytes(&doc)).1;
        let found: Vec<_> = p.iter().map(|p| (p.path.as_str(), p.msg)).collect();
        assert_eq!(
            found,
            [
                ("observations.value", Msg::GrowthProblemColumnLength),
                ("observations.gender", Msg::GrowthProblemColumnLength)
            ]
        );
        assert_eq!(
            p[1].describe(Locale::En),
            "observations.gender: number of values in this column: 309; \"rows\": 310"
        );
        // Problems elsewhere keep their readable paths.
        let mut doc = compact_of(&grown(100));
        doc["meta"]["editor"] = json!("me");
        assert_eq!(check(&bytes(&doc)).1[0].path, "meta.editor");
        let mut doc = compact_of(&grown(100));
        doc["areas"][1] = json!(["a", "b"]);
        assert_eq!(check(&bytes(&doc)).1[0].path, "areas[1]");
    }
}

/// Where the time of a 100k-observation load goes (issue 14): printed, not
/// asserted. `cargo test --release --lib compact::timing -- --ignored --nocapture`
#[cfg(test)]
mod timing {
    use super::tests::{bytes, compact_of, grown};
    use crate::model::parse::{decode_in_steps, validated_in_steps};
    use crate::model::steps::now;
    use std::time::Instant;

    #[test]
    #[ignore]
    fn where_the_100k_load_spends_its_time() {
        let text = bytes(&compact_of(&grown(100_000)));
        println!("100k compact: {} bytes", text.len());
        for _ in 0..2 {
            // The longest step: the time between two pauses.
            let mut last = Instant::now();
            let mut longest = 0f64;
            let mut steps = 0;
            let mut pause = || {
                longest = longest.max(last.elapsed().as_secs_f64() * 1e3);
                last = Instant::now();
                steps += 1;
                async {}
            };
            let t = Instant::now();
            let (ds, _) = now(decode_in_steps(&text, &mut pause)).unwrap();
            let decode = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let ds = now(validated_in_steps(ds, &mut pause)).unwrap();
            let check = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let o = &ds.observations[0];
            let _ = ds.find(
                &o.indicator,
                o.is_share(),
                &crate::model::index::Dims::of(o),
            );
            let index = t.elapsed().as_secs_f64() * 1e3;
            println!(
                "decode {decode:.1} ms, validate {check:.1} ms, index {index:.1} ms; {steps} steps, longest {longest:.1} ms"
            );
        }
    }
}
