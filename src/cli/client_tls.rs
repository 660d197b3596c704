//! TLS for the commands that call a running server (`gazette tag --server`, `gazette health`):
//! an `https://` URL is verified against `--ca-cert` (or the system's roots), and a server that
//! asks for a client certificate (`serve --tls-client-ca`) gets `--client-cert`/`--client-key`.

use std::path::{Path, PathBuf};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};

/// The client-side TLS flags.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct ClientTlsArgs {
    /// PEM CA certificate(s) an `https://` server's certificate must be signed by (default: the
    /// system's roots).
    #[arg(long, value_name = "FILE", env = "GAZETTE_CA_CERT")]
    pub(crate) ca_cert: Option<PathBuf>,

    /// PEM client certificate, for a server requiring mutual TLS (with --client-key).
    #[arg(
        long,
        value_name = "FILE",
        env = "GAZETTE_CLIENT_CERT",
        requires = "client_key"
    )]
    pub(crate) client_cert: Option<PathBuf>,

    /// PEM private key of --client-cert.
    #[arg(
        long,
        value_name = "FILE",
        env = "GAZETTE_CLIENT_KEY",
        requires = "client_cert"
    )]
    pub(crate) client_key: Option<PathBuf>,
}

/// Why the client TLS settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ClientTlsError {
    /// A file named by a flag could not be read.
    #[error("{flag} {}", path.display())]
    Read {
        /// The flag that named it.
        flag: &'static str,
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// A file holds no PEM object of the kind its flag needs.
    #[error("{flag} {}: no PEM {holds} in it", path.display())]
    NoPem {
        /// The flag that named it.
        flag: &'static str,
        /// The file.
        path: PathBuf,
        /// What it should hold.
        holds: &'static str,
    },
    /// The certificates or key could not be used (not PEM, or not what they should be).
    #[error("cannot use the TLS settings{}", if .flags.is_empty() { String::new() } else { format!(" of {}", .flags) })]
    Config {
        /// The flags given.
        flags: String,
        /// Why.
        source: tonic::transport::Error,
    },
    /// TLS flags were given for a plaintext (`http://`) server, where they would do nothing:
    /// most likely the URL was meant to be `https://`.
    #[error("{flags} given, but {url} is not https://: use an https:// URL, or drop the flags")]
    Plaintext {
        /// The flags given.
        flags: String,
        /// The plaintext URL.
        url: String,
    },
}

/// The TLS settings read once from the flags, applied to every `https://` endpoint.
#[derive(Debug, Clone)]
pub(crate) struct ClientTls {
    config: ClientTlsConfig,
    flags: Vec<&'static str>,
}

impl ClientTlsArgs {
    /// Reads the files the flags name.
    pub(crate) fn load(&self) -> Result<ClientTls, ClientTlsError> {
        let mut config = ClientTlsConfig::new();
        let mut flags = Vec::new();
        match &self.ca_cert {
            Some(path) => {
                let pem = read("--ca-cert", path)?;
                // tonic would take a file with no certificate in it and trust nothing.
                if CertificateDer::pem_slice_iter(&pem).next().is_none() {
                    return Err(ClientTlsError::NoPem {
                        flag: "--ca-cert",
                        path: path.clone(),
                        holds: "certificate",
                    });
                }
                config = config.ca_certificate(Certificate::from_pem(pem));
                flags.push("--ca-cert");
            }
            None => config = config.with_native_roots(),
        }
        if let (Some(cert), Some(key)) = (&self.client_cert, &self.client_key) {
            let (cert_pem, key_pem) = (read("--client-cert", cert)?, read("--client-key", key)?);
            if CertificateDer::pem_slice_iter(&cert_pem).next().is_none() {
                return Err(ClientTlsError::NoPem {
                    flag: "--client-cert",
                    path: cert.clone(),
                    holds: "certificate",
                });
            }
            if PrivateKeyDer::from_pem_slice(&key_pem).is_err() {
                return Err(ClientTlsError::NoPem {
                    flag: "--client-key",
                    path: key.clone(),
                    holds: "private key",
                });
            }
            config = config.identity(Identity::from_pem(cert_pem, key_pem));
            flags.push("--client-cert");
        }
        Ok(ClientTls { config, flags })
    }
}

impl ClientTls {
    /// Whether a client certificate is presented.
    pub(crate) fn has_identity(&self) -> bool {
        self.flags.contains(&"--client-cert")
    }

    /// `endpoint` with TLS when `url` is `https://`. TLS flags given with an `http://` URL are
    /// an error rather than silently unused.
    pub(crate) fn apply(&self, endpoint: Endpoint, url: &str) -> Result<Endpoint, ClientTlsError> {
        if url.starts_with("https://") {
            // Building the connector parses the PEM files: a bad one is an error here.
            return endpoint.tls_config(self.config.clone()).map_err(|source| {
                ClientTlsError::Config {
                    flags: self.flags.join(" and "),
                    source,
                }
            });
        }
        if self.flags.is_empty() {
            return Ok(endpoint);
        }
        Err(ClientTlsError::Plaintext {
            flags: self.flags.join(" and "),
            url: url.to_string(),
        })
    }
}

fn read(flag: &'static str, path: &Path) -> Result<Vec<u8>, ClientTlsError> {
    std::fs::read(path).map_err(|source| ClientTlsError::Read {
        flag,
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_flags_with_a_plaintext_url_are_refused_by_name() {
        let dir = tempfile::tempdir().expect("dir");
        let ca = dir.path().join("ca.pem");
        std::fs::write(&ca, "not a certificate").expect("write");
        let args = ClientTlsArgs {
            ca_cert: Some(ca.clone()),
            ..Default::default()
        };
        assert_eq!(
            args.load().expect_err("no PEM").to_string(),
            format!("--ca-cert {}: no PEM certificate in it", ca.display())
        );
        let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).expect("cert");
        std::fs::write(&ca, cert.cert.pem()).expect("write");
        let tls = args.load().expect("load");
        let url = "http://127.0.0.1:50051";
        let err = tls
            .apply(Endpoint::from_static("http://127.0.0.1:50051"), url)
            .expect_err("refused");
        assert_eq!(
            err.to_string(),
            "--ca-cert given, but http://127.0.0.1:50051 is not https://: use an https:// URL, or drop the flags"
        );
    }

    #[test]
    fn no_flags_leave_a_plaintext_url_alone() {
        let tls = ClientTlsArgs::default().load().expect("load");
        let url = "http://127.0.0.1:50051";
        assert!(tls
            .apply(Endpoint::from_static("http://127.0.0.1:50051"), url)
            .is_ok());
    }

    #[test]
    fn a_missing_file_names_its_flag() {
        let args = ClientTlsArgs {
            ca_cert: Some("/nonexistent/ca.pem".into()),
            ..Default::default()
        };
        let err = args.load().expect_err("missing");
        assert_eq!(err.to_string(), "--ca-cert /nonexistent/ca.pem");
        assert!(std::error::Error::source(&err).is_some());
    }
}
