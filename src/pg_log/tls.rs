//! TLS to the store. `sslmode=require` in the URL means a verified connection (libpq calls
//! that `verify-full`): the server's certificate must chain to `--edit-store-ca` (a PEM file)
//! or, without it, to the system's roots, and name the host connected to. Anything short of
//! that would let whoever sits between a replica and the database rewrite the edits every
//! replica serves. Without `sslmode=require` the connection is plain text, as before.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use tokio_postgres::config::SslMode;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::PgLogError;

/// How replicas connect to the store.
#[derive(Clone)]
pub enum StoreTls {
    /// Plain text (no `sslmode=require`).
    Plain,
    /// TLS, the server's certificate verified.
    Verified(MakeRustlsConnect),
}

impl std::fmt::Debug for StoreTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StoreTls::Plain => "Plain",
            StoreTls::Verified(_) => "Verified",
        })
    }
}

impl StoreTls {
    /// The TLS `config` asks for, trusting `ca` (a PEM file of one or more certificates) or,
    /// without it, the system's roots. A CA without `sslmode=require` is refused: it would
    /// suggest a protection the connection does not have.
    pub fn for_config(
        config: &tokio_postgres::Config,
        ca: Option<&Path>,
    ) -> Result<StoreTls, PgLogError> {
        let required = matches!(config.get_ssl_mode(), SslMode::Require);
        match (required, ca) {
            (false, None) => Ok(StoreTls::Plain),
            (false, Some(_)) => Err(PgLogError::Tls(
                "--edit-store-ca is given but the URL does not ask for TLS: add \
                 sslmode=require to it"
                    .into(),
            )),
            (true, ca) => {
                let mut roots = rustls::RootCertStore::empty();
                match ca {
                    Some(path) => {
                        let certs = CertificateDer::pem_file_iter(path)
                            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                            .map_err(|e| {
                                PgLogError::Tls(format!("--edit-store-ca {}: {e}", path.display()))
                            })?;
                        if certs.is_empty() {
                            return Err(PgLogError::Tls(format!(
                                "--edit-store-ca {}: no PEM certificate in it",
                                path.display()
                            )));
                        }
                        for cert in certs {
                            roots.add(cert).map_err(|e| {
                                PgLogError::Tls(format!("--edit-store-ca {}: {e}", path.display()))
                            })?;
                        }
                    }
                    None => {
                        let found = rustls_native_certs::load_native_certs();
                        roots.add_parsable_certificates(found.certs);
                        if roots.is_empty() {
                            return Err(PgLogError::Tls(
                                "sslmode=require, but the system has no root certificates: give \
                                 the database's CA with --edit-store-ca"
                                    .into(),
                            ));
                        }
                    }
                }
                let provider = Arc::new(rustls::crypto::ring::default_provider());
                let client = rustls::ClientConfig::builder_with_provider(provider)
                    .with_safe_default_protocol_versions()
                    .map_err(|e| PgLogError::Tls(e.to_string()))?
                    .with_root_certificates(roots)
                    .with_no_client_auth();
                Ok(StoreTls::Verified(MakeRustlsConnect::new(client)))
            }
        }
    }
}
