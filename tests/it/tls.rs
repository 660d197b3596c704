//! TLS and mutual TLS with certificates generated in the test (rcgen): plaintext clients are
//! refused on a TLS port, clients without a certificate from the right CA are refused under mTLS.

use crate::common;

use crate::common::{LiveGazetteer, ServerOptions};
use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::ExtractRequest;
use gazette::transport::TlsFiles;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair,
};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Identity};

pub(crate) struct Ca {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

/// A PEM certificate and its key.
pub(crate) struct Pem {
    pub(crate) cert: String,
    pub(crate) key: String,
}

impl Ca {
    pub(crate) fn new(name: &str) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let key = KeyPair::generate().expect("key");
        Ca {
            issuer: CertifiedIssuer::self_signed(params, key).expect("CA"),
        }
    }

    pub(crate) fn pem(&self) -> String {
        self.issuer.pem()
    }

    pub(crate) fn issue(&self, names: &[&str], purpose: ExtendedKeyUsagePurpose) -> Pem {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let mut params = CertificateParams::new(names).expect("params");
        params.extended_key_usages = vec![purpose];
        let key = KeyPair::generate().expect("key");
        let cert = params.signed_by(&key, &self.issuer).expect("sign");
        Pem {
            cert: cert.pem(),
            key: key.serialize_pem(),
        }
    }
}

async fn start(ca: &Ca, client_ca: Option<&Ca>) -> common::TestServer {
    start_with(ca, client_ca, common::tiny_extractor()).await
}

/// A server on TLS with a certificate for `localhost` from `ca`, asking for client
/// certificates from `client_ca` if given, serving `extractor`.
pub(crate) async fn start_with(
    ca: &Ca,
    client_ca: Option<&Ca>,
    extractor: gazette::Extractor,
) -> common::TestServer {
    let server = ca.issue(&["localhost"], ExtendedKeyUsagePurpose::ServerAuth);
    let options = ServerOptions {
        tls: Some(TlsFiles {
            cert: server.cert.into_bytes(),
            key: server.key.into_bytes(),
            client_ca: client_ca.map(|c| c.pem().into_bytes()),
        }),
        ..Default::default()
    };
    common::start_live(LiveGazetteer::new(extractor, None), options).await
}

/// One Extract over TLS trusting `ca`, presenting `identity` if given.
async fn call_tls(
    server: &common::TestServer,
    ca: &Ca,
    identity: Option<&Pem>,
) -> Result<usize, String> {
    let mut tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(ca.pem()))
        .domain_name("localhost");
    if let Some(id) = identity {
        tls = tls.identity(Identity::from_pem(&id.cert, &id.key));
    }
    let channel = Channel::from_shared(format!("https://{}", server.addr))
        .map_err(|e| e.to_string())?
        .tls_config(tls)
        .map_err(|e| e.to_string())?
        .connect()
        .await
        .map_err(|e| format!("connect: {e:?}"))?;
    extract(channel).await
}

async fn extract(channel: Channel) -> Result<usize, String> {
    EntityExtractorClient::new(channel)
        .extract(ExtractRequest {
            text: "Ali Habib".into(),
            ..Default::default()
        })
        .await
        .map(|r| r.into_inner().mentions.len())
        .map_err(|s| format!("{s:?}"))
}

async fn call_plaintext(server: &common::TestServer) -> Result<usize, String> {
    let channel = Channel::from_shared(server.url())
        .map_err(|e| e.to_string())?
        .connect()
        .await
        .map_err(|e| format!("connect: {e:?}"))?;
    extract(channel).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_serves_tls_clients_and_refuses_plaintext() {
    let ca = Ca::new("gazette test CA");
    let server = start(&ca, None).await;
    assert_eq!(call_tls(&server, &ca, None).await, Ok(1));
    assert!(call_plaintext(&server).await.is_err());
    // A client trusting another CA does not accept the server.
    let stranger = Ca::new("someone else's CA");
    assert!(call_tls(&server, &stranger, None).await.is_err());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutual_tls_requires_a_client_certificate_from_the_client_ca() {
    let ca = Ca::new("gazette test CA");
    let clients = Ca::new("newsroom clients CA");
    let server = start(&ca, Some(&clients)).await;

    let good = clients.issue(&["ingest"], ExtendedKeyUsagePurpose::ClientAuth);
    assert_eq!(call_tls(&server, &ca, Some(&good)).await, Ok(1));

    assert!(
        call_tls(&server, &ca, None).await.is_err(),
        "no certificate"
    );
    let forged = Ca::new("forger").issue(&["ingest"], ExtendedKeyUsagePurpose::ClientAuth);
    assert!(
        call_tls(&server, &ca, Some(&forged)).await.is_err(),
        "certificate from another CA"
    );
    assert!(call_plaintext(&server).await.is_err());
    server.stop().await;
}
