//! The metadata types this server knows the file layout of (what describeMetadata answers),
//! and the mapping between zip paths and (type, fullName).

/// One row of describeMetadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TypeInfo {
    pub xml_name: &'static str,
    pub directory: &'static str,
    /// `None` for bundle types (a directory per component: lwc, aura) and Document.
    pub suffix: Option<&'static str>,
    pub in_folder: bool,
    /// The component's body is its own file, beside a `-meta.xml`.
    pub meta_file: bool,
    pub children: &'static [&'static str],
}

const fn t(xml_name: &'static str, directory: &'static str, suffix: &'static str) -> TypeInfo {
    TypeInfo {
        xml_name,
        directory,
        suffix: Some(suffix),
        in_folder: false,
        meta_file: false,
        children: &[],
    }
}

const fn meta(x: TypeInfo) -> TypeInfo {
    TypeInfo {
        meta_file: true,
        ..x
    }
}

const fn folder(x: TypeInfo) -> TypeInfo {
    TypeInfo {
        in_folder: true,
        ..x
    }
}

const fn bundle(xml_name: &'static str, directory: &'static str) -> TypeInfo {
    TypeInfo {
        xml_name,
        directory,
        suffix: None,
        in_folder: false,
        meta_file: false,
        children: &[],
    }
}

const fn kids(x: TypeInfo, children: &'static [&'static str]) -> TypeInfo {
    TypeInfo { children, ..x }
}

/// Sorted by xml_name. The layouts are those of the Metadata API's own documentation.
pub(crate) static TYPES: &[TypeInfo] = &[
    meta(t("ApexClass", "classes", "cls")),
    meta(t("ApexComponent", "components", "component")),
    meta(t("ApexPage", "pages", "page")),
    meta(t("ApexTrigger", "triggers", "trigger")),
    kids(
        t("AssignmentRules", "assignmentRules", "assignmentRules"),
        &["AssignmentRule"],
    ),
    bundle("AuraDefinitionBundle", "aura"),
    t("CustomApplication", "applications", "app"),
    kids(t("CustomLabels", "labels", "labels"), &["CustomLabel"]),
    t("CustomMetadata", "customMetadata", "md"),
    kids(
        t("CustomObject", "objects", "object"),
        &[
            "CustomField",
            "Index",
            "BusinessProcess",
            "CompactLayout",
            "RecordType",
            "WebLink",
            "ValidationRule",
            "SharingReason",
            "ListView",
            "FieldSet",
        ],
    ),
    t(
        "CustomObjectTranslation",
        "objectTranslations",
        "objectTranslation",
    ),
    t("CustomPermission", "customPermissions", "customPermission"),
    t("CustomSite", "sites", "site"),
    t("CustomTab", "tabs", "tab"),
    folder(t("Dashboard", "dashboards", "dashboard")),
    TypeInfo {
        xml_name: "Document",
        directory: "documents",
        suffix: None,
        in_folder: true,
        meta_file: true,
        children: &[],
    },
    folder(meta(t("EmailTemplate", "email", "email"))),
    t("ExternalDataSource", "dataSources", "dataSource"),
    t("FlexiPage", "flexipages", "flexipage"),
    t("Flow", "flows", "flow"),
    t("GlobalValueSet", "globalValueSets", "globalValueSet"),
    t("Group", "groups", "group"),
    t("Layout", "layouts", "layout"),
    bundle("LightningComponentBundle", "lwc"),
    t("NamedCredential", "namedCredentials", "namedCredential"),
    t("PermissionSet", "permissionsets", "permissionset"),
    t("Profile", "profiles", "profile"),
    t("Queue", "queues", "queue"),
    t("QuickAction", "quickActions", "quickAction"),
    t("RemoteSiteSetting", "remoteSiteSettings", "remoteSite"),
    folder(t("Report", "reports", "report")),
    t("Role", "roles", "role"),
    t("Settings", "settings", "settings"),
    t("StandardValueSet", "standardValueSets", "standardValueSet"),
    meta(t("StaticResource", "staticresources", "resource")),
    t("Translations", "translations", "translation"),
    kids(
        t("Workflow", "workflows", "workflow"),
        &[
            "WorkflowAlert",
            "WorkflowFieldUpdate",
            "WorkflowOutboundMessage",
            "WorkflowRule",
            "WorkflowTask",
        ],
    ),
];

pub(crate) fn by_name(xml_name: &str) -> Option<&'static TypeInfo> {
    TYPES.iter().find(|t| t.xml_name == xml_name)
}

fn by_directory(dir: &str) -> Option<&'static TypeInfo> {
    TYPES.iter().find(|t| t.directory == dir)
}

/// What a file in a deploy zip is, relative to the package root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileRole {
    /// The component's XML (the whole component for most types; the `-meta.xml` for
    /// meta-file types).
    Xml,
    /// The body beside a `-meta.xml` (`Foo.cls`), or any file of a bundle.
    Body,
}

/// (type, fullName, role) of a zip path such as `classes/Foo.cls-meta.xml`, or `None` for a
/// directory this server does not know.
pub(crate) fn classify(path: &str) -> Option<(&'static TypeInfo, String, FileRole)> {
    let (dir, rest) = path.split_once('/')?;
    let info = by_directory(dir)?;
    if rest.is_empty() {
        return None;
    }
    if info.suffix.is_none() && !info.in_folder {
        // A bundle: every file under `lwc/name/` belongs to component `name`.
        let (name, file) = rest.split_once('/')?;
        let role = if file.ends_with("-meta.xml") {
            FileRole::Xml
        } else {
            FileRole::Body
        };
        return Some((info, name.to_owned(), role));
    }
    let (stem, role) = match rest.strip_suffix("-meta.xml") {
        Some(s) if info.in_folder && !s.contains('/') => return folder_meta(info, s),
        Some(s) if info.meta_file => (s, FileRole::Xml),
        None if info.meta_file => (rest, FileRole::Body),
        _ => (rest, FileRole::Xml),
    };
    let name = match info.suffix {
        Some(sfx) => stem.strip_suffix(&format!(".{sfx}"))?,
        None => stem,
    };
    Some((info, name.to_owned(), role))
}

/// `reports/MyFolder-meta.xml`: the folder itself, fullName `MyFolder`.
fn folder_meta(
    info: &'static TypeInfo,
    folder: &str,
) -> Option<(&'static TypeInfo, String, FileRole)> {
    Some((info, folder.to_owned(), FileRole::Xml))
}

/// The zip path of a component's XML file (what retrieve writes when it has no deployed
/// files for it): `objects/Account.object`, `classes/Foo.cls-meta.xml`.
pub(crate) fn xml_path(info: &TypeInfo, full_name: &str) -> String {
    match (info.suffix, info.meta_file) {
        (Some(sfx), true) => format!("{}/{full_name}.{sfx}-meta.xml", info.directory),
        (Some(sfx), false) => format!("{}/{full_name}.{sfx}", info.directory),
        (None, _) if info.in_folder => format!("{}/{full_name}-meta.xml", info.directory),
        (None, _) => format!("{}/{full_name}/{full_name}.js-meta.xml", info.directory),
    }
}

/// The zip path of a meta-file component's body (`classes/Foo.cls`).
pub(crate) fn body_path(info: &TypeInfo, full_name: &str) -> Option<String> {
    match (info.suffix, info.meta_file) {
        (Some(sfx), true) => Some(format!("{}/{full_name}.{sfx}", info.directory)),
        (None, true) => Some(format!("{}/{full_name}", info.directory)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_unique() {
        assert!(TYPES.windows(2).all(|w| w[0].xml_name < w[1].xml_name));
    }

    fn c(p: &str) -> Option<(&'static str, String, FileRole)> {
        classify(p).map(|(i, n, r)| (i.xml_name, n, r))
    }

    #[test]
    fn paths() {
        assert_eq!(
            c("classes/Foo.cls"),
            Some(("ApexClass", "Foo".into(), FileRole::Body))
        );
        assert_eq!(
            c("classes/Foo.cls-meta.xml"),
            Some(("ApexClass", "Foo".into(), FileRole::Xml))
        );
        assert_eq!(
            c("objects/Account.object"),
            Some(("CustomObject", "Account".into(), FileRole::Xml))
        );
        assert_eq!(
            c("layouts/Account-Account Layout.layout").unwrap().1,
            "Account-Account Layout"
        );
        assert_eq!(
            c("lwc/hello/hello.js"),
            Some(("LightningComponentBundle", "hello".into(), FileRole::Body))
        );
        assert_eq!(
            c("reports/Sales/Q1.report"),
            Some(("Report", "Sales/Q1".into(), FileRole::Xml))
        );
        assert_eq!(
            c("reports/Sales-meta.xml"),
            Some(("Report", "Sales".into(), FileRole::Xml))
        );
        assert_eq!(
            c("documents/Shared/logo.png"),
            Some(("Document", "Shared/logo.png".into(), FileRole::Body))
        );
        assert_eq!(
            c("documents/Shared/logo.png-meta.xml"),
            Some(("Document", "Shared/logo.png".into(), FileRole::Xml))
        );
        assert_eq!(c("objects/Account.txt"), None);
        assert_eq!(c("nowhere/x.y"), None);
        assert_eq!(c("classes/"), None);
        let apex = by_name("ApexClass").unwrap();
        assert_eq!(xml_path(apex, "Foo"), "classes/Foo.cls-meta.xml");
        assert_eq!(body_path(apex, "Foo").as_deref(), Some("classes/Foo.cls"));
        assert_eq!(
            xml_path(by_name("CustomObject").unwrap(), "A__c"),
            "objects/A__c.object"
        );
    }
}
