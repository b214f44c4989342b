//! guidepress binary: parse arguments, run one command, apply the one exit-code policy.
//! Everything a command does lives in the library (`guidepress::project`).

mod cli;
mod cmd;

fn main() {
    guidepress::fs::ignore_file_size_signal();
    cmd::install_signal_handlers();
    let result = match cli::parse() {
        Ok(cli) => {
            one_guide_one_thread(&cli.command);
            reuse_freed_memory(&cli.command);
            cmd::run(cli.command, &cli.global)
        }
        Err(e) => {
            // --help and --version are a clean end; a bad option is a usage error
            let _ = e.print();
            Ok(if e.use_stderr() {
                cmd::Outcome::Failed
            } else {
                cmd::Outcome::Clean
            })
        }
    };
    std::process::exit(cmd::exit_code(result));
}

/// An export of one guide file has one job at each step: the thread pool is this thread
/// alone (no worker threads started and woken for it; same outputs, less CPU).
fn one_guide_one_thread(command: &cli::Command) {
    if let cli::Command::Export(args) = command {
        if let [path] = &args.paths[..] {
            if path.is_file() {
                // the pool can only be built once; should that fail, rayon's default pool serves
                let _ = rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .use_current_thread()
                    .build_global();
            }
        }
    }
}

/// glibc's malloc serves blocks over 128 KiB from fresh `mmap`s and gives free memory at the
/// top of the heap back to the system once 128 KiB of it is free; both limits only grow after
/// a first large block is freed. An export allocates and frees a deflate state of ~370 KiB
/// per EPUB entry (zlib-rs, through epub-builder's zip) and a regex compiler's ~320 KiB map,
/// so each came back as fresh memory, page-faulted again (about 2 µs a page). For `export` and
/// `build`, blocks up to 4 MiB come from the heap and up to 64 MiB of free heap is kept (the
/// limits glibc itself moves towards): freed memory is reused. Same outputs, fewer page faults
/// (EPUB export of the seed guide: 1,110 -> about 910).
fn reuse_freed_memory(command: &cli::Command) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if matches!(command, cli::Command::Export(_) | cli::Command::Build(_)) {
        // SAFETY: mallopt only sets two of glibc malloc's tunables (no memory is touched);
        // called before this process allocates anything large, and before any other thread
        // of ours runs malloc-heavy work.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
            libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = command;
}
