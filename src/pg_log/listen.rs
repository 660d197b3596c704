//! Hearing of other replicas' edits: a connection of its own that LISTENs for the commits'
//! notifications. A notification sent while it is down is not replayed: the reader polls too.

use std::sync::Arc;
use std::time::Duration;

use tokio_postgres::NoTls;

use super::{target, CHANNEL};

/// Wakes `wake` whenever any replica commits an edit: a connection of its own that LISTENs on
/// [`CHANNEL`], reconnecting with backoff (1 s doubling to 30 s) for as long as the task lives.
pub async fn listen(config: tokio_postgres::Config, wake: Arc<tokio::sync::Notify>) {
    let mut backoff = Duration::from_secs(1);
    loop {
        match listen_once(&config, &wake).await {
            Ok(()) => backoff = Duration::from_secs(1),
            Err(e) => tracing::warn!(
                store = %target(&config),
                error = %e,
                retry_in_ms = backoff.as_millis() as u64,
                "the edit store's notifications stopped; edits are still found by polling"
            ),
        }
        // Whatever was missed while the connection was down is found by the next poll; wake
        // the reader now so it does not wait for it.
        wake.notify_one();
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(30));
    }
}

/// One listening connection, until it fails.
async fn listen_once(
    config: &tokio_postgres::Config,
    wake: &tokio::sync::Notify,
) -> Result<(), tokio_postgres::Error> {
    let (client, mut connection) = config.connect(NoTls).await?;
    let (tx, mut messages) = tokio::sync::mpsc::unbounded_channel();
    let driver = tokio::spawn(async move {
        loop {
            let message = std::future::poll_fn(|cx| connection.poll_message(cx)).await;
            match message {
                Some(Ok(m)) => {
                    if tx.send(Ok(m)).is_err() {
                        return;
                    }
                }
                Some(Err(e)) => {
                    let _ = tx.send(Err(e));
                    return;
                }
                None => return,
            }
        }
    });
    let listened = client.batch_execute(&format!("LISTEN {CHANNEL}")).await;
    if let Err(e) = listened {
        driver.abort();
        return Err(e);
    }
    tracing::info!(store = %target(config), "listening for edits from other replicas");
    wake.notify_one();
    let result = loop {
        match messages.recv().await {
            Some(Ok(tokio_postgres::AsyncMessage::Notification(_))) => wake.notify_one(),
            Some(Ok(_)) => {}
            Some(Err(e)) => break Err(e),
            None => break Ok(()),
        }
    };
    driver.abort();
    drop(client);
    result
}
