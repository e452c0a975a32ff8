/**
 * rpm's package database. rpm 4.16+ (Fedora 33+, RHEL/Rocky/Alma 9, Amazon Linux 2023) keeps it in
 * SQLite, `rpmdb.sqlite`; older systems in Berkeley DB (`Packages`) or SUSE's ndb (`Packages.db`).
 * Reading SQLite needs a SQLite engine, which stagegate does not carry yet (Node 24 has node:sqlite,
 * but it opens only files, and jest runs under Node 20), so the database is recognised and reported
 * as not read (its bytes are not kept): the report says rpm packages are unknown rather than that
 * there are none. Pure.
 */
export function isRpmDatabase(path: string): boolean {
  return path === '/var/lib/rpm/rpmdb.sqlite' || path === '/usr/lib/sysimage/rpm/rpmdb.sqlite';
}

export function isRpmLegacyDatabase(path: string): boolean {
  return /^\/(var\/lib|usr\/lib\/sysimage)\/rpm\/Packages(\.db)?$/.test(path);
}

export const RPM_NOT_READ = "rpm's database is not read yet, so rpm packages are not listed";
