//! Tables of figures (pure): what a chart or the map shows as numbers, as
//! rows of cells that carry both the text on screen and the raw value written
//! to CSV. The CSV is RFC 4180, and every text cell a spreadsheet would run
//! as a formula is neutralised.

/// One table cell: as shown, and as written to the CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub raw: String,
}

impl Cell {
    /// A cell whose text is also its raw value (a name, a status word).
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        Cell {
            raw: s.clone(),
            text: s,
        }
    }
}

/// The numbers of a panel, as a table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// RFC 4180 CSV of the raw values, with a header row.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
            let fields: Vec<String> = cells.map(csv_field).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        };
        line(&mut out, &mut self.columns.iter().map(String::as_str));
        for row in &self.rows {
            line(&mut out, &mut row.iter().map(|c| c.raw.as_str()));
        }
        out
    }
}

/// One CSV field: a value that a spreadsheet would run as a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
/// `'`, unless it is a plain number (`-3`, `+4.5`); then quoted when needed.
pub fn csv_field(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err();
    let s = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_fields() {
        let t = Table {
            columns: vec!["a,b".into(), "c".into()],
            rows: vec![vec![Cell::text("x \"y\""), Cell::text("1")]],
        };
        assert_eq!(t.to_csv(), "\"a,b\",c\r\n\"x \"\"y\"\"\",1\r\n");
    }

    #[test]
    fn csv_neutralises_formulas_but_not_numbers() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1+2"), "'+1+2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-cmd"), "'-cmd");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field("\rx"), "\"'\rx\"");
        assert_eq!(csv_field("-3"), "-3");
        assert_eq!(csv_field("+4.5"), "+4.5");
        assert_eq!(csv_field("Béni Mellal-Khénifra"), "Béni Mellal-Khénifra");
    }
}
