"""Which network addresses a fetch may reach: a public document never reaches into a private network.

The decision is made on the address actually connected to (the socket's peer, or the address the
browser reports for a response), never on a host name, so DNS rebinding (a name that resolves to a
public address when checked and to 127.0.0.1 when used) cannot slip through.

Test hook: `is_private_address` is looked up through this module at every call, so a test may replace
it (pytest's monkeypatch) to treat, say, 127.0.0.2 as "public" while 127.0.0.1 stays private. Nothing
in the config can change it.
"""

from __future__ import annotations

import ipaddress

from tosdiff.errors import BLOCKED, FetchError


def is_private_address(ip: str) -> bool:
    """True for loopback, private, link-local, unique-local, CGNAT, unspecified or reserved addresses."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0") is not part of it
    except ValueError:
        return True  # not an IP address at all (a Unix socket path): never "public"
    if isinstance(addr, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 and 64:ff9b::7f00:1 (NAT64) reach the IPv4 address they embed.
        mapped = addr.ipv4_mapped or (
            ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF) if addr in _NAT64 else None
        )
        if mapped is not None:
            addr = mapped
    # is_global is False for every special-purpose block of the IANA registries: loopback, RFC 1918,
    # link-local (169.254/16, where cloud metadata answers), fc00::/7, 100.64/10, 0.0.0.0, ...
    return not addr.is_global or addr.is_multicast


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class AddressGuard:
    """One fetch's rule: once the configured URL's address is known, public stays out of private.

    The first address a fetch connects to is the configured URL's (the first request always goes
    there). If it is private (an intranet page, a test server), the document may stay within private
    addresses; if it is public, every later connection of that fetch (redirects, retries on another
    address) to a private address is refused.
    """

    def __init__(self) -> None:
        self.origin_private: bool | None = None

    def check(self, ip: str, host: str) -> None:
        """Accept a connection to `ip` (for `host`), or raise FetchError (blocked)."""
        private = is_private_address(ip)
        if self.origin_private is None:
            self.origin_private = private
        elif private and not self.origin_private:
            raise FetchError(
                f"refused: a public document led to {host} at {ip}, a private, loopback or link-local "
                "address (a redirect into a private network)",
                BLOCKED,
            )
