package dev.modelsweep.worker.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway public-key infrastructure, made at test time and written as PEM files: a CA with a
 * server certificate for 127.0.0.1 and localhost and a client certificate, and a second CA that
 * nobody trusts, with its own client. Keys are P-256 (fast to make) in unencrypted PKCS#8, the
 * format ModelSweep asks its users for. Only the JDK's providers are used: nothing is registered
 * globally.
 */
final class TestPki {

  /** A certificate chain and its private key, as PEM files. */
  record Identity(Path certificate, Path key) {}

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  final Path caCertificate;
  final Identity server;
  /** A server certificate naming only {@link #OTHER_NAME}: reachable by IP with a name override. */
  final Identity namedServer;
  final Identity client;
  final Path strangerCaCertificate;
  final Identity strangerClient;

  static final String OTHER_NAME = "temporal.modelsweep.test";

  private TestPki(Path dir) {
    Issuer ca = Issuer.selfSigned("ModelSweep test CA");
    caCertificate = write(dir.resolve("ca.pem"), ca.certificate);
    server = ca.issue(dir, "server", KeyPurposeId.id_kp_serverAuth,
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost"));
    namedServer = ca.issue(dir, "named-server", KeyPurposeId.id_kp_serverAuth,
        new GeneralName(GeneralName.dNSName, OTHER_NAME));
    client = ca.issue(dir, "client", KeyPurposeId.id_kp_clientAuth,
        new GeneralName(GeneralName.dNSName, "worker.modelsweep.test"));
    Issuer stranger = Issuer.selfSigned("Someone else's CA");
    strangerCaCertificate = write(dir.resolve("stranger-ca.pem"), stranger.certificate);
    strangerClient = stranger.issue(dir, "stranger-client", KeyPurposeId.id_kp_clientAuth,
        new GeneralName(GeneralName.dNSName, "stranger.example"));
  }

  /** Makes every key and certificate and writes them into {@code dir}. */
  static TestPki create(Path dir) {
    return new TestPki(dir);
  }

  /** A CA: its key pair and self-signed certificate. */
  private record Issuer(KeyPair keys, X509Certificate certificate) {

    static Issuer selfSigned(String name) {
      KeyPair keys = newKeyPair();
      X500Name subject = new X500Name("CN=" + name);
      return new Issuer(keys, sign(keys, subject, subject, keys, builder -> {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      }));
    }

    Identity issue(Path dir, String name, KeyPurposeId purpose, GeneralName... names) {
      KeyPair leaf = newKeyPair();
      X509Certificate cert = sign(keys, new X500Name(certificate.getSubjectX500Principal().getName()),
          new X500Name("CN=" + name), leaf, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
          });
      return new Identity(write(dir.resolve(name + ".pem"), cert),
          write(dir.resolve(name + "-key.pem"), leaf.getPrivate()));
    }
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder builder) throws IOException;
  }

  private static X509Certificate sign(KeyPair issuerKeys, X500Name issuer, X500Name subject,
      KeyPair subjectKeys, Extensions extensions) {
    Instant now = Instant.now();
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
      extensions.add(builder);
      return new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A certificate, or a private key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  private static Path write(Path file, Object certificateOrKey) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      if (certificateOrKey instanceof PrivateKey key) {
        pem.writeObject(new JcaPKCS8Generator(key, null)); // not the JDK's default, SEC1 for EC
      } else {
        pem.writeObject(certificateOrKey);
      }
      pem.flush();
      return Files.writeString(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
