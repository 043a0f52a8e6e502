//! A run interrupted between writing its files and writing its record. The
//! record lists what the tool wrote, so it must never lag behind the tree:
//! before any new file lands, an interim record (the old one plus every new
//! file) is written, and the final record replaces it last. Here the final
//! record's rename fails (an `LD_PRELOAD` shim built with `cc` fails, with
//! `EIO`, a rename onto `.mizan-generated.json` made once the new target's
//! first file is on disk): the run reports
//! it, the record on disk already lists the new target's files, and a later
//! run that drops that target prunes them. Without the interim record they
//! would be left behind as files nobody owns.
//!
//! The same shim makes the exclusive creation of temporary files fail: a
//! temporary name already taken (`EEXIST`) is skipped for the next one, but
//! a name that is never free, or an open that fails otherwise, ends the run
//! with an error rather than an endless retry.
#![cfg(target_os = "linux")]

use super::Project;
use crate::common::{TempDir, bin};
use std::path::{Path, PathBuf};
use std::process::Command;

const SHIM: &str = r#"
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Fails a rename onto a file named .mizan-generated.json once the file
   $MIZAN_TEST_FAIL_RECORD_AFTER exists: the record that follows the files. */
static int should_fail(const char *to) {
    const char *after = getenv("MIZAN_TEST_FAIL_RECORD_AFTER");
    const char *base = strrchr(to, '/');
    base = base ? base + 1 : to;
    if (after == NULL || strcmp(base, ".mizan-generated.json") != 0) return 0;
    return access(after, F_OK) == 0;
}

/* $MIZAN_TEST_TEMP_OPEN: "eexist:N" fails the first N exclusive creations
   of a temporary file (*.mizan-tmp) with EEXIST, "eexist" fails all of
   them so, "eacces" fails all of them with EACCES. */
static int temp_opens = 0;

static int temp_open_error(const char *path, int flags) {
    const char *mode = getenv("MIZAN_TEST_TEMP_OPEN");
    size_t len = strlen(path), suffix = strlen(".mizan-tmp");
    if (mode == NULL || !(flags & O_CREAT) || !(flags & O_EXCL)) return 0;
    if (len < suffix || strcmp(path + len - suffix, ".mizan-tmp") != 0) return 0;
    temp_opens++;
    if (strcmp(mode, "eacces") == 0) return EACCES;
    if (strcmp(mode, "eexist") == 0) return EEXIST;
    if (strncmp(mode, "eexist:", 7) == 0 && temp_opens <= atoi(mode + 7)) return EEXIST;
    return 0;
}

#define OPEN_WRAPPER(name)                                              \
    int name(const char *path, int flags, ...) {                        \
        mode_t mode = 0;                                                \
        if (flags & O_CREAT) {                                          \
            va_list ap;                                                 \
            va_start(ap, flags);                                        \
            mode = va_arg(ap, mode_t);                                  \
            va_end(ap);                                                 \
        }                                                               \
        int err = temp_open_error(path, flags);                         \
        if (err) { errno = err; return -1; }                            \
        int (*real)(const char *, int, ...) = dlsym(RTLD_NEXT, #name);  \
        return real(path, flags, mode);                                 \
    }
OPEN_WRAPPER(open)
OPEN_WRAPPER(open64)

#define OPENAT_WRAPPER(name)                                                \
    int name(int dir, const char *path, int flags, ...) {                   \
        mode_t mode = 0;                                                    \
        if (flags & O_CREAT) {                                              \
            va_list ap;                                                     \
            va_start(ap, flags);                                            \
            mode = va_arg(ap, mode_t);                                      \
            va_end(ap);                                                     \
        }                                                                   \
        int err = temp_open_error(path, flags);                             \
        if (err) { errno = err; return -1; }                                \
        int (*real)(int, const char *, int, ...) = dlsym(RTLD_NEXT, #name); \
        return real(dir, path, flags, mode);                                \
    }
OPENAT_WRAPPER(openat)
OPENAT_WRAPPER(openat64)

/* $MIZAN_TEST_UNLINK_TEMP: "eacces" or "enoent", the error of every
   unlink of a temporary file (*.mizan-tmp). */
int unlink(const char *path) {
    const char *mode = getenv("MIZAN_TEST_UNLINK_TEMP");
    size_t len = strlen(path), suffix = strlen(".mizan-tmp");
    if (mode != NULL && len >= suffix && strcmp(path + len - suffix, ".mizan-tmp") == 0) {
        errno = strcmp(mode, "eacces") == 0 ? EACCES : ENOENT;
        return -1;
    }
    int (*real)(const char *) = dlsym(RTLD_NEXT, "unlink");
    return real(path);
}

/* $MIZAN_TEST_FAIL_RENAME_ONTO: a file name; every rename onto a file of
   that name fails with EIO. */
static int fails_onto(const char *to) {
    const char *name = getenv("MIZAN_TEST_FAIL_RENAME_ONTO");
    const char *base = strrchr(to, '/');
    base = base ? base + 1 : to;
    return name != NULL && strcmp(base, name) == 0;
}

int rename(const char *from, const char *to) {
    if (should_fail(to) || fails_onto(to)) { errno = EIO; return -1; }
    int (*real)(const char *, const char *) = dlsym(RTLD_NEXT, "rename");
    return real(from, to);
}

int renameat(int fd1, const char *from, int fd2, const char *to) {
    if (should_fail(to) || fails_onto(to)) { errno = EIO; return -1; }
    int (*real)(int, const char *, int, const char *) = dlsym(RTLD_NEXT, "renameat");
    return real(fd1, from, fd2, to);
}

int renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags) {
    if (should_fail(to) || fails_onto(to)) { errno = EIO; return -1; }
    int (*real)(int, const char *, int, const char *, unsigned) = dlsym(RTLD_NEXT, "renameat2");
    return real(fd1, from, fd2, to, flags);
}
"#;

/// Builds the shim into `dir`; `cc` is part of the Rust toolchain's needs.
fn shim(dir: &Path) -> PathBuf {
    let src = dir.join("shim.c");
    let so = dir.join("shim.so");
    std::fs::write(&src, SHIM).unwrap();
    let status = Command::new("cc").args(["-shared", "-fPIC", "-o"]).arg(&so).arg(&src).arg("-ldl").status();
    assert!(status.is_ok_and(|s| s.success()), "cc could not build the rename shim");
    so
}

const BASE: &str = "output = \"gen\"\ntargets = [\"stage1\", \"manifest\"]\n\n[source.ir]\npath = \"shop.kdl\"\n";

#[test]
fn a_run_failing_at_its_final_record_leaves_a_record_of_every_file_it_wrote() {
    let tools = TempDir::new("rename-shim");
    let so = shim(tools.path());
    let p = Project::new("interrupted", BASE);
    p.run(&[]).expect(0);
    let before = p.generated();
    assert!(!before.iter().any(|f| f.starts_with("zod/")));

    p.write("mizan.toml", &BASE.replace("\"manifest\"]", "\"manifest\", \"zod\"]"));
    let out = bin()
        .current_dir(p.path(""))
        .env("NO_COLOR", "1")
        .env("LD_PRELOAD", &so)
        .env("MIZAN_TEST_FAIL_RECORD_AFTER", p.path("gen/zod/schemas.ts"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "the final record's rename must fail the run: {stderr}");
    assert!(stderr.contains("cannot write") && stderr.contains(".mizan-generated.json"), "{stderr}");
    let zod: Vec<String> = p.generated().into_iter().filter(|f| f.starts_with("zod/")).collect();
    assert!(!zod.is_empty(), "the zod files were written before the record");
    let record: serde_json::Value = serde_json::from_str(&p.read("gen/.mizan-generated.json")).unwrap();
    let listed = record.to_string();
    for file in &zod {
        assert!(listed.contains(&format!("\"{file}\"")), "{file} is on disk but not in the record: {record:#}");
    }

    // The zod target dropped: its files are the tool's, so they are pruned.
    p.write("mizan.toml", BASE);
    p.run(&[]).expect(0);
    let after: Vec<String> = p.generated().into_iter().filter(|f| f != ".mizan-tmp").collect();
    assert_eq!(after, before, "the interrupted run's files were not pruned");
    p.run(&["--check"]).expect(0);
}

/// Runs the binary in `p` with the shim and `mode` for temporary files,
/// killed if it has not ended within 30 s (an endless retry).
fn run_with_temp_open(p: &Project, so: &Path, mode: &str) -> (Option<i32>, String) {
    run_with_shim(p, so, "MIZAN_TEST_TEMP_OPEN", mode)
}

/// Runs the binary in `p` with the shim set by `key=value`, killed if it
/// has not ended within 30 s.
fn run_with_shim(p: &Project, so: &Path, key: &str, value: &str) -> (Option<i32>, String) {
    let mode = format!("{key}={value}");
    let mut child = bin()
        .current_dir(p.path(""))
        .env("NO_COLOR", "1")
        .env("LD_PRELOAD", so)
        .env(key, value)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{mode}: the run did not end within 30 s (retrying forever?)");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_taken_temporary_name_is_skipped_and_a_failing_one_ends_the_run() {
    let tools = TempDir::new("open-shim");
    let so = shim(tools.path());

    // Three names taken: the next ones are used, the run succeeds.
    let p = Project::new("temp-taken", BASE);
    let (code, stderr) = run_with_temp_open(&p, &so, "eexist:3");
    assert_eq!(code, Some(0), "{stderr}");
    p.run(&["--check"]).expect(0);

    // Never a free name, or another error: the run fails, writing nothing.
    for mode in ["eexist", "eacces"] {
        let p = Project::new("temp-failing", BASE);
        let (code, stderr) = run_with_temp_open(&p, &so, mode);
        assert_eq!(code, Some(1), "{mode}: {stderr}");
        assert!(stderr.contains("cannot write"), "{mode}: {stderr}");
        assert!(p.generated().is_empty(), "{mode}: {:?} written", p.generated());
    }
}

/// Every temporary file below `p`'s output.
fn temps(p: &Project) -> Vec<String> {
    p.generated().into_iter().filter(|f| f.ends_with(".mizan-tmp")).collect()
}

#[test]
fn a_failed_commit_removes_its_temporary_files_and_a_failed_sweep_is_reported() {
    let tools = TempDir::new("cleanup-shim");
    let so = shim(tools.path());

    // A generated file cannot be renamed into place: the run fails and
    // leaves none of its temporary files behind.
    let p = Project::new("rename-fails", BASE);
    let (code, stderr) = run_with_shim(&p, &so, "MIZAN_TEST_FAIL_RENAME_ONTO", "calls.ts");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("cannot write") && stderr.contains("calls.ts"), "{stderr}");
    assert_eq!(temps(&p), Vec::<String>::new(), "temporary files left behind");

    // A leftover temporary file is swept; one that cannot be deleted fails
    // the run, and one already gone is no error.
    for (mode, code) in [("eacces", 1), ("enoent", 0)] {
        let p = Project::new("sweep", BASE);
        p.run(&[]).expect(0);
        p.write("gen/stage1/.calls.ts.1-0.mizan-tmp", "half");
        let (got, stderr) = run_with_shim(&p, &so, "MIZAN_TEST_UNLINK_TEMP", mode);
        assert_eq!(got, Some(code), "{mode}: {stderr}");
        if code == 1 {
            assert!(stderr.contains("cannot delete"), "{mode}: {stderr}");
        }
    }
}
