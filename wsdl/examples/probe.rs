//! Loads the WSDLs named on the command line and prints a summary (a debugging aid).
fn main() {
    for arg in std::env::args().skip(1) {
        let t = std::time::Instant::now();
        match wsdl::load(&arg) {
            Ok(d) => {
                let s = &d.schemas;
                let complex = s
                    .types
                    .values()
                    .filter(|t| matches!(t, wsdl::model::TypeDef::Complex(_)))
                    .count();
                println!(
                    "{arg}: {:?} complex={complex} simple={} elements={} attrs={} groups={} agroups={} messages={} port_types={} bindings={} services={} files={} warnings={} in {:?}",
                    d.name,
                    s.types.len() - complex,
                    s.elements.len(),
                    s.attributes.len(),
                    s.groups.len(),
                    s.attribute_groups.len(),
                    d.messages.len(),
                    d.port_types.len(),
                    d.bindings.len(),
                    d.services.len(),
                    d.files.len(),
                    d.warnings.len(),
                    t.elapsed()
                );
                for w in &d.warnings {
                    println!("  warning: {}: {}", w.at, w.message);
                }
            }
            Err(e) => println!("{arg}: ERROR {e}"),
        }
    }
}
