//! The client's address behind the school's proxies: the TCP peer, or what a trusted proxy
//! says it forwarded. The server's middleware resolves it once; the throttle and the audit
//! log read it from the request (the frame's `client_ip`).

use std::net::{IpAddr, SocketAddr};

/// Request extension set by the server's middleware: the client's address, once resolved
/// through the trusted proxies, for the throttle and the audit log alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// The client's address: the TCP peer, unless the peer is one of the `trusted` proxies;
/// then the right-most address of `X-Forwarded-For` (or `X-Real-IP`) that is not itself a
/// trusted proxy. Everything left of that is the client's to write, so never believed.
pub fn client_address(peer: IpAddr, headers: &http::HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.contains(ip) || trusted.contains(&canonical(*ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    let hops: Vec<&str> = if forwarded.is_empty() {
        headers
            .get("x-real-ip")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .into_iter()
            .collect()
    } else {
        forwarded
    };
    let mut client = peer;
    for hop in hops.iter().rev() {
        // A hop we cannot read was written by someone we do not trust: stop at the last
        // address a trusted proxy vouched for.
        let Some(ip) = parse_hop(hop) else {
            return client;
        };
        client = canonical(ip);
        if !is_trusted(&client) {
            return client;
        }
    }
    client
}

/// An address as proxies write it: bare, or with a port (`1.2.3.4:5678`, `[::1]:5678`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}
