package ai.monzie.platform.http;

import io.netty.util.NetUtil;
import java.math.BigInteger;
import java.util.List;

/** A list of CIDR blocks, matched against literal IP addresses (never a DNS lookup). */
public final class TrustedProxies {

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = blocks;
  }

  /** The word that trusts no proxy (an empty config value would fall back to the default). */
  public static final String NONE = "none";

  /**
   * {@code "127.0.0.0/8"}, {@code "::1"}, {@code "10.0.0.0/8"}... or {@code "none"}; a bad entry
   * fails startup.
   */
  public static TrustedProxies of(List<String> cidrs) {
    return new TrustedProxies(
        cidrs.stream()
            .map(String::trim)
            .filter(c -> !c.isEmpty() && !c.equalsIgnoreCase(NONE))
            .map(Block::parse)
            .toList());
  }

  public boolean contains(String address) {
    byte[] bytes = literal(address);
    return bytes != null && blocks.stream().anyMatch(block -> block.contains(bytes));
  }

  private record Block(byte[] network, int prefix) {
    static Block parse(String cidr) {
      int slash = cidr.indexOf('/');
      byte[] network = literal(slash < 0 ? cidr : cidr.substring(0, slash));
      if (network == null) {
        throw new IllegalArgumentException("monzie.http.trusted-proxies: not an IP: " + cidr);
      }
      int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
      if (prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException("monzie.http.trusted-proxies: bad prefix: " + cidr);
      }
      return new Block(network, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int bits = address.length * 8;
      BigInteger mask =
          BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE.shiftLeft(bits - prefix));
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }

  /** The address's bytes, or null if it is not an IP literal (a host name is never resolved). */
  static byte[] literal(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    return NetUtil.createByteArrayFromIpAddressString(s);
  }
}
