//! What the real-org examples share: a short tour of an org, and a clean exit.

use std::process::ExitCode;

use metadata::{AnyMetadata, DescribeMetadata, MetadataClient};

/// describeMetadata, then listMetadata and a polymorphic readMetadata of a few classes.
pub async fn tour(md: &MetadataClient) -> Result<(), metadata::HelperError> {
    let version = md.api_version().parse().unwrap_or(metadata::API_VERSION);
    let described = md
        .describe_metadata(&DescribeMetadata {
            as_of_version: version,
        })
        .await?;
    let d = described.result;
    println!(
        "org namespace {:?}, {} metadata types (API {version:.1})",
        d.organization_namespace,
        d.metadata_objects.len()
    );
    let classes = md.list_many(["ApexClass"]).await?;
    println!("{} Apex classes; reading up to 3:", classes.len());
    let names: Vec<String> = classes
        .iter()
        .take(3)
        .map(|f| f.full_name.clone())
        .collect();
    for record in md.read_many("ApexClass", names).await?.records {
        match record {
            AnyMetadata::ApexClass(c) => println!(
                "    {} (API {:.1}, {} bytes)",
                c.full_name.unwrap_or_default(),
                c.api_version,
                c.content.map_or(0, |b| b.len())
            ),
            other => println!("    a {}", other.type_name()),
        }
    }
    Ok(())
}

/// Prints why the example cannot run and how to make it run; exit status 2.
pub fn needs_an_org(what: &str, how: &str) -> ExitCode {
    eprintln!("this example needs a Salesforce org: {what}\n\n{how}");
    ExitCode::from(2)
}

/// Prints an error of a call to the org; exit status 1.
pub fn failed(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}
