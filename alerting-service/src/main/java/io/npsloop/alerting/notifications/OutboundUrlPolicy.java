package io.npsloop.alerting.notifications;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which URLs this service may call, so that a rule author cannot turn it into a proxy into its own
 * network (server-side request forgery). A URL must use https, carry no user info, name a host on
 * the allow-list, and every address its host stands for must be public: never loopback, private
 * (RFC 1918, CGNAT, unique-local fc00::/7), link-local (which holds the cloud metadata service at
 * 169.254.169.254), multicast, reserved or unspecified, including IPv4 addresses embedded in IPv6
 * (mapped, compatible, 6to4, NAT64). IPv4 in the legacy inet_aton notations (2130706433,
 * 0x7f000001, 0177.0.0.1) is refused outright, because such forms exist to slip past filters.
 * <p>
 * The check runs twice: on the URL when a rule is saved, and on the resolved addresses when a
 * notification is sent. The HTTP adapter then connects only to the addresses this policy
 * returned ({@link #resolve}), so a DNS answer that changes between check and connect (DNS
 * rebinding) cannot redirect the connection, and redirects are never followed.
 * <p>
 * {@code allowLoopbackHttp} exists for development and tests only: it permits plain http and
 * loopback addresses, nothing else (private and link-local addresses stay refused).
 */
public final class OutboundUrlPolicy {

    private static final Set<String> BLOCKED_NAMES = Set.of("localhost", "metadata", "metadata.google.internal",
            "instance-data", "metadata.azure.com");

    private final List<String> allowedHosts;
    private final boolean allowLoopbackHttp;
    private final Resolver resolver;

    /** Looks a host name up; the system resolver in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    /**
     * @param allowedHosts exact host names or addresses, or {@code *.example.com} for any sub-domain
     * @param allowLoopbackHttp development and tests only: allow http and loopback addresses
     */
    public OutboundUrlPolicy(List<String> allowedHosts, boolean allowLoopbackHttp) {
        this(allowedHosts, allowLoopbackHttp, InetAddress::getAllByName);
    }

    public OutboundUrlPolicy(List<String> allowedHosts, boolean allowLoopbackHttp, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT).strip()).toList();
        this.allowLoopbackHttp = allowLoopbackHttp;
        this.resolver = resolver;
    }

    /** Why the URL is refused without looking the host up, or null when it may be tried. */
    public @Nullable String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowLoopbackHttp && scheme.equals("http"))) {
            return "must be an https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain user info";
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return "must name a host";
        }
        return hostProblem(host);
    }

    /** Why a host name or literal address is refused before any lookup, or null. */
    public @Nullable String hostProblem(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            InetAddress address = literal(host.substring(1, host.length() - 1));
            if (address == null) {
                return "not a valid IPv6 address";
            }
            String problem = addressProblem(address);
            if (problem != null) {
                return problem;
            }
        } else if (looksNumeric(host) && legacyIpv4(host) != null) {
            InetAddress address = ipv4(legacyIpv4(host));
            String problem = addressProblem(address);
            if (problem != null) {
                return host + " is " + address.getHostAddress() + ": " + problem;
            }
            if (!address.getHostAddress().equals(host)) {
                return "IPv4 addresses must be written in dotted decimal";
            }
        } else if ((BLOCKED_NAMES.contains(host) || host.endsWith(".localhost") || host.endsWith(".internal"))
                && !(allowLoopbackHttp && host.equals("localhost"))) {
            return "names a local or metadata host";
        }
        if (!allowed(host)) {
            return "host " + host + " is not on the allow-list";
        }
        return null;
    }

    /** Resolves a host and checks every address; the connection must use only the addresses returned. */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String problem = hostProblem(host);
        if (problem != null) {
            throw new RefusedHostException(host + ": " + problem);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.lookup(bare);
        List<InetAddress> checked = new ArrayList<>();
        for (InetAddress address : addresses) {
            String addressProblem = addressProblem(address);
            if (addressProblem != null) {
                throw new RefusedHostException(host + " resolves to " + address.getHostAddress() + ": " + addressProblem);
            }
            checked.add(address);
        }
        return checked;
    }

    /** Why a connection to this address is refused, or null when it is a public unicast address. */
    public @Nullable String addressProblem(InetAddress address) {
        if (address instanceof Inet4Address) {
            return ipv4Problem(address.getAddress());
        }
        if (address instanceof Inet6Address) {
            return ipv6Problem(address.getAddress());
        }
        return "unknown address family";
    }

    private @Nullable String ipv4Problem(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 127) {
            return allowLoopbackHttp ? null : "a loopback address";
        }
        if (a0 == 0) {
            return "an unspecified address";
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return "a private address";
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return "a shared (carrier-grade NAT) address";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address (cloud metadata lives here)";
        }
        if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) || (a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "a reserved address";
        }
        if (a0 >= 224) {
            return "a multicast or reserved address";
        }
        return null;
    }

    private @Nullable String ipv6Problem(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        boolean mapped = firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = firstTenZero && b[10] == 0 && b[11] == 0;
        if (compatible) {
            boolean allZero = true;
            for (int i = 12; i < 15; i++) {
                allZero &= b[i] == 0;
            }
            if (allZero && (b[15] == 1)) {
                return allowLoopbackHttp ? null : "a loopback address";
            }
            if (allZero && b[15] == 0) {
                return "an unspecified address";
            }
        }
        if (mapped || compatible) {
            String problem = ipv4Problem(new byte[] {b[12], b[13], b[14], b[15]});
            return problem == null ? "an IPv4 address embedded in IPv6" : "an IPv4-in-IPv6 form of " + problem;
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if (w0 == 0x2002) {
            String problem = ipv4Problem(new byte[] {b[2], b[3], b[4], b[5]});
            if (problem != null) {
                return "a 6to4 form of " + problem;
            }
        }
        if (w0 == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            String problem = ipv4Problem(new byte[] {b[12], b[13], b[14], b[15]});
            if (problem != null) {
                return "a NAT64 form of " + problem;
            }
        }
        if (w0 == 0x2001 && b[2] == 0 && b[3] == 0) {
            return "a Teredo address";
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return "a unique-local (private) address";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return "a link-local address";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "a site-local address";
        }
        if ((b[0] & 0xff) == 0xff) {
            return "a multicast address";
        }
        return null;
    }

    private boolean allowed(String host) {
        for (String entry : allowedHosts) {
            if (entry.startsWith("*.") ? host.endsWith(entry.substring(1)) && host.length() > entry.length() - 1
                    : entry.equals(host) || entry.equals("[" + host + "]") || ("[" + entry + "]").equals(host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksNumeric(String host) {
        return !host.isEmpty() && Character.isDigit(host.charAt(0)) && host.chars().allMatch(
                c -> c == '.' || c == 'x' || Character.digit(c, 16) >= 0);
    }

    /** inet_aton: one to four parts, each decimal, octal (leading 0) or hex (0x); the last part fills the rest. */
    static byte @Nullable [] legacyIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return null;
            }
            values[i] = value;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        int lastBytes = 5 - parts.length;
        if (last >= (1L << (8 * lastBytes))) {
            return null;
        }
        address |= last;
        return new byte[] {(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address};
    }

    private static @Nullable Long number(String part) {
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? null : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return part.isEmpty() || part.length() > 12 ? null : Long.parseLong(part);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable InetAddress literal(String ipv6) {
        if (!ipv6.contains(":")) {
            return null;
        }
        try {
            // A literal with a colon is parsed, never looked up.
            return InetAddress.getByName(ipv6);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** A host refused by the policy; an UnknownHostException so HTTP clients treat it as unreachable. */
    public static final class RefusedHostException extends UnknownHostException {
        public RefusedHostException(String message) {
            super(message);
        }
    }
}
