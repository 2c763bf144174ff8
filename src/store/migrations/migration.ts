/** One numbered schema change. Versions start at 1 and increase by 1 without gaps. */
export interface Migration {
  version: number;
  /** Short kebab-case name, recorded with the version to detect diverging histories. */
  name: string;
  /** SQL statements, run by `Database.exec` inside one transaction. */
  sql: string;
}
