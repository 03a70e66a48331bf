//! Reading the request's cookies, the one way the app does it.

/// The values of the cookies named `name` in `headers` (each a `Cookie` header's value),
/// in the order they come.
pub fn values<'a>(
    headers: impl IntoIterator<Item = &'a str>,
    name: &'a str,
) -> impl Iterator<Item = &'a str> {
    headers
        .into_iter()
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(move |(n, _)| *n == name)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_header_and_pair_is_read_and_only_that_name_counts() {
        let headers = ["lang=en; a=1", " a=2 ;b=3", "ab=4"];
        assert_eq!(super::values(headers, "a").collect::<Vec<_>>(), ["1", "2"]);
    }
}
