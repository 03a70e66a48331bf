use server::config::Config;
use server::startup::Application;
use server::telemetry;

// mimalloc: a page is mostly small allocations (the rendered HTML's strings). With glibc's
// malloc a quarter of the month page's time went to malloc and free, and its per-thread
// arenas kept more memory (issue 17: 1,320 → 2,200 month pages a second, 71 → 51 MB).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options, numbered as in its header's `mi_option_e` (libmimalloc-sys 0.1.49
/// names only the older ones; 4 and 15 in both its v2 and v3 headers): commit an arena's
/// memory only as it is used, and give freed memory back to the system at once rather than
/// 10 ms later. Together they keep a small school's server near 50 MB instead of 67. They
/// are defaults: `MIMALLOC_ARENA_EAGER_COMMIT` and `MIMALLOC_PURGE_DELAY` still override.
///
/// They must be in place before mimalloc reserves its first arena, at the first allocation,
/// which comes before `main`: so this runs as an ELF constructor of priority 100, before
/// every constructor of the default priority and of 101 and up (mimalloc's own, when built
/// with clang). It only writes mimalloc's static table of options and allocates nothing.
/// Elsewhere than Linux the defaults stay.
#[cfg(target_os = "linux")]
extern "C" fn keep_memory_small() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: plain setters of mimalloc's global options; no other thread runs yet.
    unsafe {
        libmimalloc_sys::mi_option_set_default(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set_default(PURGE_DELAY, 0);
    }
}

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array.00100"]
static KEEP_MEMORY_SMALL: extern "C" fn() = keep_memory_small;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    telemetry::init();
    let config = Config::from_env()?;
    // `server backup FILE`: a copy of the live database, taken while it serves.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, file] = args.as_slice() {
        if command == "backup" {
            let pool = server::db::connect_and_migrate(&config.database_url).await?;
            server::db::backup(&pool, std::path::Path::new(file)).await?;
            println!("Backed up {} to {file}", config.database_url);
            return Ok(());
        }
    }
    let app = Application::build(config).await?;
    if app.seeded {
        println!("Seeded the demo school (Shenshuidong Village school) into the empty database.");
    }
    if let Some(notice) = &app.accounts_notice {
        println!("{notice}");
    }
    println!("Hope Home is serving on http://{}/calendar", app.address);
    app.run_until_stopped().await?;
    Ok(())
}
