//! One call to the Comtrade+ API: the endpoint, the filters, and the address they make.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::area::M49Area;
use crate::flow::FlowCode;

/// The public address of the Comtrade+ API; [`crate::api::FetchOptions::api_base`] points the
/// client elsewhere (a mirror, a test server).
pub const DEFAULT_API_BASE: &str = "https://comtradeapi.un.org";

/// The most records the keyless preview endpoint returns in one call.
pub const PREVIEW_CAP: u32 = 500;

/// The most records one call of the data API returns on the free subscription; a call answered
/// with this many records is treated as cut short, never as complete.
pub const DATA_CAP: u32 = 100_000;

/// Which endpoint a call goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// `/data/v1/get/{type}/{freq}/{classification}`: needs a subscription key (sent in the
    /// `Ocp-Apim-Subscription-Key` header), up to [`DATA_CAP`] records a call.
    Data,
    /// `/public/v1/preview/{type}/{freq}/{classification}`: no key, up to [`PREVIEW_CAP`]
    /// records a call.
    Preview,
}

impl Endpoint {
    /// The path before `/{type}/{freq}/{classification}`.
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::Data => "/data/v1/get",
            Endpoint::Preview => "/public/v1/preview",
        }
    }

    /// The record cap of one call.
    pub fn default_cap(self) -> u32 {
        match self {
            Endpoint::Data => DATA_CAP,
            Endpoint::Preview => PREVIEW_CAP,
        }
    }
}

/// Annual or monthly data (`freqCode` `A` or `M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Calendar years.
    Annual,
    /// Calendar months.
    Monthly,
}

impl Frequency {
    /// The `freqCode` letter.
    pub fn code(self) -> &'static str {
        match self {
            Frequency::Annual => "A",
            Frequency::Monthly => "M",
        }
    }
}

/// One period as the API writes it: `2023` for a year, `202301` for January 2023.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ApiPeriod {
    /// The year.
    pub year: u16,
    /// The month 1–12, `None` for the whole year.
    pub month: Option<u8>,
}

impl fmt::Display for ApiPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            Some(m) => write!(f, "{}{m:02}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

/// Which commodities a call asks for (`cmdCode`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Commodities {
    /// `TOTAL`: all goods together.
    Total,
    /// Every HS code of this many digits (2, 4 or 6): `AG2`, `AG4`, `AG6`.
    Level(u8),
    /// These HS codes (2, 4 or 6 digits each).
    Codes(Vec<String>),
}

impl Commodities {
    /// The `cmdCode` parameter.
    pub fn param(&self) -> String {
        match self {
            Commodities::Total => "TOTAL".to_owned(),
            Commodities::Level(n) => format!("AG{n}"),
            Commodities::Codes(codes) => codes.join(","),
        }
    }

    /// About how many records one reporter, partner, period and flow gives: an upper estimate
    /// used to split a request before the first call, so that few calls reach the cap.
    pub(crate) fn estimate(&self) -> u64 {
        match self {
            Commodities::Total => 1,
            // 97 chapters; about 1,230 headings; about 5,600 subheadings (HS 2022).
            Commodities::Level(2) => 97,
            Commodities::Level(4) => 1_230,
            Commodities::Level(_) => 5_620,
            Commodities::Codes(codes) => codes.len() as u64,
        }
    }
}

/// One call: everything that goes into its address except the subscription key.
///
/// The breakdown filters default to the totals (`partner2Code=0`, `motCode=0`,
/// `customsCode=C00`) so that no row of the answer counts the same trade twice.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Query {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// Annual or monthly.
    pub frequency: Frequency,
    /// Reporters (`reporterCode`), M49 codes; never empty.
    pub reporters: Vec<M49Area>,
    /// Partners (`partnerCode`); empty means every partner.
    pub partners: Vec<M49Area>,
    /// Periods (`period`); never empty.
    pub periods: Vec<ApiPeriod>,
    /// Flows (`flowCode`); empty means every flow.
    pub flows: Vec<FlowCode>,
    /// Commodities (`cmdCode`).
    pub commodities: Commodities,
    /// The record cap asked for and expected (`maxRecords`).
    pub max_records: u32,
}

impl Query {
    /// The address of the call under `base` (e.g. [`DEFAULT_API_BASE`]), without any key: the
    /// same text is the call's name in the cache, in the provenance and in messages.
    pub fn url(&self, base: &str) -> String {
        let codes = |areas: &[M49Area]| {
            areas
                .iter()
                .map(|a| a.m49().to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut params: Vec<(&str, String)> = vec![("reporterCode", codes(&self.reporters))];
        params.push((
            "period",
            self.periods
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(","),
        ));
        if !self.partners.is_empty() {
            params.push(("partnerCode", codes(&self.partners)));
        }
        params.push(("partner2Code", "0".to_owned()));
        params.push(("cmdCode", self.commodities.param()));
        if !self.flows.is_empty() {
            params.push((
                "flowCode",
                self.flows
                    .iter()
                    .map(FlowCode::code)
                    .collect::<Vec<_>>()
                    .join(","),
            ));
        }
        params.push(("customsCode", "C00".to_owned()));
        params.push(("motCode", "0".to_owned()));
        params.push(("maxRecords", self.max_records.to_string()));
        params.push(("format", "JSON".to_owned()));
        params.push(("breakdownMode", "classic".to_owned()));
        params.push(("includeDesc", "true".to_owned()));
        let query: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        format!(
            "{}{}/C/{}/HS?{}",
            base.trim_end_matches('/'),
            self.endpoint.path(),
            self.frequency.code(),
            query.join("&")
        )
    }

    /// The upper estimate of the records this call returns.
    pub(crate) fn estimate(&self) -> u64 {
        let partners = if self.partners.is_empty() {
            250
        } else {
            self.partners.len() as u64
        };
        let flows = if self.flows.is_empty() {
            2
        } else {
            self.flows.len() as u64
        };
        (self.reporters.len() as u64)
            .saturating_mul(partners)
            .saturating_mul(self.periods.len() as u64)
            .saturating_mul(flows)
            .saturating_mul(self.commodities.estimate())
    }
}

/// Percent-encodes what is not a letter, digit or one of `-_.~,` (commas separate list items
/// and the API takes them as written).
fn encode(value: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query() -> Query {
        Query {
            endpoint: Endpoint::Data,
            frequency: Frequency::Annual,
            reporters: vec![M49Area::from_m49(398), M49Area::from_m49(860)],
            partners: vec![M49Area::from_m49(860)],
            periods: vec![
                ApiPeriod {
                    year: 2022,
                    month: None,
                },
                ApiPeriod {
                    year: 2023,
                    month: None,
                },
            ],
            flows: vec![FlowCode::Export, FlowCode::Import],
            commodities: Commodities::Total,
            max_records: DATA_CAP,
        }
    }

    #[test]
    fn the_address_carries_the_safe_breakdown_filters_and_no_key() {
        let url = query().url("https://comtradeapi.un.org/");
        assert_eq!(
            url,
            "https://comtradeapi.un.org/data/v1/get/C/A/HS?reporterCode=398,860&period=2022,2023&partnerCode=860&partner2Code=0&cmdCode=TOTAL&flowCode=X,M&customsCode=C00&motCode=0&maxRecords=100000&format=JSON&breakdownMode=classic&includeDesc=true"
        );
        assert!(!url.to_lowercase().contains("subscription"));
    }

    #[test]
    fn preview_and_monthly_paths() {
        let mut q = query();
        q.endpoint = Endpoint::Preview;
        q.frequency = Frequency::Monthly;
        q.periods = vec![ApiPeriod {
            year: 2023,
            month: Some(1),
        }];
        q.commodities = Commodities::Level(4);
        let url = q.url("http://127.0.0.1:9");
        assert!(
            url.starts_with("http://127.0.0.1:9/public/v1/preview/C/M/HS?"),
            "{url}"
        );
        assert!(url.contains("period=202301&"), "{url}");
        assert!(url.contains("cmdCode=AG4&"), "{url}");
    }

    #[test]
    fn values_are_percent_encoded() {
        assert_eq!(encode("01,02"), "01,02");
        assert_eq!(encode("a b&c"), "a%20b%26c");
    }

    #[test]
    fn the_estimate_multiplies_the_dimensions() {
        assert_eq!(query().estimate(), 2 * 2 * 2);
        let mut q = query();
        q.partners.clear();
        q.commodities = Commodities::Level(6);
        assert_eq!(q.estimate(), 2 * 250 * 2 * 2 * 5_620);
    }
}
