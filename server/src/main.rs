use server::config::Config;
use server::startup::Application;
use server::telemetry;

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
