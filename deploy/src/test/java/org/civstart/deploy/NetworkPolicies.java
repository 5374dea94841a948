package org.civstart.deploy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Evaluates the NetworkPolicies of the civstart namespace the way the Kubernetes NetworkPolicy
 * semantics define them (policies add up; a pod selected by a policy of a type is isolated for that
 * direction; empty {@code from}/{@code to}/{@code ports} mean "any"), so tests can ask "may A reach B
 * on port P". Label selectors with matchExpressions are refused: the manifests do not use them.
 */
final class NetworkPolicies {

    static final String NAMESPACE = "civstart";

    /** The other end of a connection: a pod (in some namespace) or an address outside the cluster. */
    record Peer(String namespace, Map<String, String> labels, String ip) {
        static Peer pod(Map<String, String> labels) {
            return new Peer(NAMESPACE, labels, null);
        }

        static Peer namespace(String namespace, Map<String, String> labels) {
            return new Peer(namespace, labels, null);
        }

        static Peer internet(String ip) {
            return new Peer(null, Map.of(), ip);
        }
    }

    private final List<? extends JsonNode> policies;

    NetworkPolicies(List<? extends JsonNode> policies) {
        this.policies = policies;
    }

    boolean defaultDenyAll() {
        return policies.stream().anyMatch(p -> {
            JsonNode spec = p.path("spec");
            return spec.path("podSelector").isEmpty()
                    && spec.path("policyTypes").toString().contains("Ingress")
                    && spec.path("policyTypes").toString().contains("Egress")
                    && spec.path("ingress").isEmpty()
                    && spec.path("egress").isEmpty();
        });
    }

    /** May {@code source} open a TCP connection to port {@code port} of a civstart pod with {@code podLabels}? */
    boolean ingressAllowed(Map<String, String> podLabels, int port, Peer source) {
        return allowed(podLabels, "Ingress", "ingress", "from", source, port, "TCP", namedPorts(podLabels));
    }

    /** May a civstart pod with {@code podLabels} reach {@code destination} on {@code port}? */
    boolean egressAllowed(Map<String, String> podLabels, Peer destination, int port, String protocol) {
        return allowed(podLabels, "Egress", "egress", "to", destination, port, protocol, Map.of());
    }

    private boolean allowed(
            Map<String, String> pod,
            String type,
            String rulesField,
            String peersField,
            Peer peer,
            int port,
            String protocol,
            Map<String, Integer> named) {
        List<? extends JsonNode> selecting = policies.stream()
                .filter(p -> selects(p.path("spec").path("podSelector"), pod))
                .filter(p -> types(p).contains(type))
                .toList();
        if (selecting.isEmpty()) {
            return true; // not isolated in this direction
        }
        for (JsonNode p : selecting) {
            for (JsonNode rule : p.path("spec").path(rulesField)) {
                boolean peerOk = !rule.has(peersField) || rule.path(peersField).isEmpty();
                for (JsonNode candidate : rule.path(peersField)) {
                    peerOk |= matches(candidate, peer);
                }
                boolean portOk = !rule.has("ports") || rule.path("ports").isEmpty();
                for (JsonNode candidate : rule.path("ports")) {
                    portOk |= portMatches(candidate, port, protocol, named);
                }
                if (peerOk && portOk) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String types(JsonNode p) {
        JsonNode t = p.path("spec").path("policyTypes");
        if (!t.isMissingNode()) {
            return t.toString();
        }
        return p.path("spec").has("egress") ? "Ingress,Egress" : "Ingress";
    }

    private static boolean matches(JsonNode candidate, Peer peer) {
        if (candidate.has("ipBlock")) {
            return peer.ip() != null && inBlock(candidate.path("ipBlock"), peer.ip());
        }
        if (peer.ip() != null) {
            return false;
        }
        boolean nsOk = candidate.has("namespaceSelector")
                ? selects(candidate.path("namespaceSelector"), Map.of("kubernetes.io/metadata.name", peer.namespace()))
                : NAMESPACE.equals(peer.namespace());
        boolean podOk = !candidate.has("podSelector") || selects(candidate.path("podSelector"), peer.labels());
        return nsOk && podOk;
    }

    private static boolean portMatches(JsonNode candidate, int port, String protocol, Map<String, Integer> named) {
        if (!candidate.path("protocol").asText("TCP").equals(protocol)) {
            return false;
        }
        JsonNode p = candidate.path("port");
        if (p.isMissingNode()) {
            return true;
        }
        if (p.isInt()) {
            int end = candidate.path("endPort").asInt(p.asInt());
            return port >= p.asInt() && port <= end;
        }
        return named.containsKey(p.asText()) && named.get(p.asText()) == port;
    }

    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.has("matchExpressions")) {
            throw new IllegalArgumentException("matchExpressions are not supported by this evaluator");
        }
        Map<String, String> wanted = new HashMap<>();
        selector.path("matchLabels")
                .fields()
                .forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
        return labels.entrySet().containsAll(wanted.entrySet());
    }

    private static boolean inBlock(JsonNode block, String ip) {
        if (!inCidr(block.path("cidr").asText(), ip)) {
            return false;
        }
        for (JsonNode except : block.path("except")) {
            if (inCidr(except.asText(), ip)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCidr(String cidr, String ip) {
        try {
            String[] parts = cidr.split("/");
            int bits = Integer.parseInt(parts[1]);
            BigInteger net = new BigInteger(1, InetAddress.getByName(parts[0]).getAddress());
            BigInteger addr = new BigInteger(1, InetAddress.getByName(ip).getAddress());
            int shift = 32 - bits;
            return net.shiftRight(shift).equals(addr.shiftRight(shift));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The named container ports of our services ("http" is each service's HTTP port). */
    private static Map<String, Integer> namedPorts(Map<String, String> podLabels) {
        Integer http = PlatformWiringTest.PORTS.get(podLabels.getOrDefault("app.kubernetes.io/name", ""));
        return http == null ? Map.of() : Map.of("http", http);
    }
}
