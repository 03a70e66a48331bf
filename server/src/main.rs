use server::config::Config;
use server::startup::Application;
use server::telemetry;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    telemetry::init();
    let config = Config::from_env()?;
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
