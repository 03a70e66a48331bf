//! Configuration from the environment, with defaults that make `make run` just work.

use std::net::{IpAddr, SocketAddr};

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`, default `sqlite://data/hopehome.db` (created if missing).
    pub database_url: String,
    /// `LEPTOS_SITE_ADDR`, default `127.0.0.1:3000`; port 0 picks a free port.
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`, default `target/site`: where `make build` (scripts/build.sh) puts the wasm, js and css.
    pub site_root: String,
    /// `SCHOOL_TIME_ZONE`, default `Asia/Shanghai`.
    pub time_zone: chrono_tz::Tz,
    /// `SEED_DEMO`: `1` seeds the demo school into an empty database, `0` never does.
    /// Unset, it is seeded only on a loopback address (a developer's `make run`), never on
    /// a server the network can reach. See [`crate::startup`] for the refusal to serve
    /// demo accounts to the network.
    pub seed_demo: Option<bool>,
    /// `COOKIE_SECURE` (`0` by default): set when served over https (behind a proxy that
    /// terminates TLS); the session cookie then gets `Secure` and the `__Host-` prefix, and
    /// every answer carries HSTS. Over plain http it would make signing in impossible.
    pub cookie_secure: bool,
    /// `TRUSTED_PROXIES` (none by default): comma-separated addresses of the reverse proxies
    /// in front of the server. Only a request from one of them has its `X-Forwarded-For`
    /// believed; without it, every user behind the proxy would share the proxy's sign-in limit.
    pub trusted_proxies: Vec<IpAddr>,
    /// `PUBLIC_URL` (unset by default), e.g. `https://hope.example.edu.cn`: the address
    /// parents reach the school at. Subscription links are built from it (`https://…` and
    /// `webcal://…`); a request's `Host` can be anything a client or a proxy says. Unset
    /// (development), links use `http://` and the `Host` of the page that shows them.
    pub public_url: Option<String>,
    /// `SCHOOL_TODAY` (unset by default), e.g. `2027-04-19`: "today" held on that date, for
    /// the browser tests and for showing the demo school on a given day. Never for a school.
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("LEPTOS_SITE_ADDR is not an address: {0}")]
    BadAddress(String),
    #[error("SCHOOL_TIME_ZONE is not a time zone: {0}")]
    BadTimeZone(String),
    #[error("TRUSTED_PROXIES is not a comma-separated list of IP addresses: {0}")]
    BadProxy(String),
    #[error(
        "PUBLIC_URL is not an http(s) address without query, like https://hope.example.edu.cn: {0}"
    )]
    BadPublicUrl(String),
    #[error("SCHOOL_TODAY is not a date like 2027-04-19: {0}")]
    BadToday(String),
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let var =
            |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
        let addr = var("LEPTOS_SITE_ADDR", "127.0.0.1:3000");
        let zone = var("SCHOOL_TIME_ZONE", "Asia/Shanghai");
        let public_url = match var("PUBLIC_URL", "").trim() {
            "" => None,
            raw => Some(
                app::school::urls::parse_public_url(raw)
                    .ok_or_else(|| ConfigError::BadPublicUrl(raw.to_owned()))?,
            ),
        };
        Ok(Config {
            database_url: var("DATABASE_URL", "sqlite://data/hopehome.db"),
            site_addr: addr.parse().map_err(|_| ConfigError::BadAddress(addr))?,
            site_root: var("LEPTOS_SITE_ROOT", "target/site"),
            time_zone: zone.parse().map_err(|_| ConfigError::BadTimeZone(zone))?,
            seed_demo: std::env::var("SEED_DEMO")
                .ok()
                .map(|v| !matches!(v.as_str(), "0" | "false" | "no")),
            cookie_secure: matches!(var("COOKIE_SECURE", "0").as_str(), "1" | "true" | "yes"),
            trusted_proxies: parse_proxies(&var("TRUSTED_PROXIES", ""))?,
            public_url,
            today: match std::env::var("SCHOOL_TODAY") {
                Ok(day) => Some(
                    chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                        .map_err(|_| ConfigError::BadToday(day))?,
                ),
                Err(_) => None,
            },
        })
    }
}

fn parse_proxies(list: &str) -> Result<Vec<IpAddr>, ConfigError> {
    list.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().map_err(|_| ConfigError::BadProxy(p.to_owned())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusted_proxies_are_a_comma_separated_list_of_addresses() {
        assert_eq!(parse_proxies("").unwrap(), Vec::<IpAddr>::new());
        assert_eq!(
            parse_proxies(" 10.0.0.1, ::1 ,").unwrap(),
            vec![
                "10.0.0.1".parse::<IpAddr>().unwrap(),
                "::1".parse().unwrap()
            ]
        );
        assert!(matches!(
            parse_proxies("10.0.0.0/8"),
            Err(ConfigError::BadProxy(p)) if p == "10.0.0.0/8"
        ));
    }
}
