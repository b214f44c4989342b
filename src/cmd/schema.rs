//! `guidepress schema`: print the embedded JSON Schema.

pub fn run() -> i32 {
    print!("{}", crate::validate::schema::SCHEMA_TEXT);
    crate::EXIT_OK
}
