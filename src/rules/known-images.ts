/**
 * What stagegate knows of well-known base images, as data: which single names Docker Hub serves, and
 * which images are bare operating systems.
 *
 * Docker Hub's official images: the only single-name references (`FROM alpine`, `FROM node`) a registry
 * serves. Docker Hub resolves a name with no registry and no namespace to `docker.io/library/<name>`, and
 * only official images live under `library/`. Any other single name (`FROM argocd-base`, `FROM base` when
 * no stage has that name) cannot be pulled: it is an image built or loaded on the same machine before this
 * build (a compose service's base, a Makefile's earlier `docker build -t`).
 *
 * Data, not code: the names in docker-library/official-images' `library/` folder (2026-08-21), plus the
 * deprecated official images that Docker Hub still serves (`centos`, `java`, `jenkins`…). A name missing
 * here is read as a local image, and the rules that use this only lower a severity on it, so a stale list
 * costs a warning, never a false one.
 */
const CURRENT = `adminer aerospike almalinux alpine alt amazoncorretto amazonlinux api-firewall arangodb archlinux
azul-zulu backdrop bash bonita buildpack-deps busybox caddy cassandra chronograf cirros clearlinux clefos
clickhouse clojure composer convertigo couchbase couchdb crate dart debian docker drupal eclipse-mosquitto
eclipse-temurin eggdrop elasticsearch elixir emqx erlang espocrm fedora flink fluentd friendica gazebo gcc
geonetwork ghost golang gradle groovy haproxy haskell haxe hello-world hitch httpd hylang ibm-semeru-runtimes
ibmjava influxdb irssi jetty joomla jruby julia kapacitor kibana kong krakend lightstreamer liquibase logstash
mageia mariadb matomo maven mediawiki memcached mongo mongo-express monica mysql nats neo4j neurodebian
nextcloud nginx nim node notary odoo open-liberty openjdk oraclelinux orientdb percona perl photon php
php-zendserver phpmyadmin plone postfixadmin postgres pypy python r-base rabbitmq rakudo-star redis redmine
registry rethinkdb rocket.chat rockylinux ros ruby rust sapmachine satosa silverpeas solr sonarqube spark
spiped storm swift swipl teamspeak telegraf tomcat tomee traefik ubuntu unit varnish websphere-liberty
wordpress xwiki yourls znc zookeeper`;

/** Deprecated official images, no longer built but still pulled by old Dockerfiles. */
const DEPRECATED = `centos java jenkins opensuse iojs django rails celery mono sentry owncloud piwik swarm nuxeo
glassfish hipache docker-dev ubuntu-debootstrap ubuntu-upstart crux sourcemage euleros kaazing-gateway
known rapidoid thrift jobber consul vault express-gateway fsharp adoptopenjdk`;

const OFFICIAL = new Set(`${CURRENT} ${DEPRECATED}`.split(/\s+/).filter(Boolean));

/**
 * True for a reference no registry serves: a single name (no registry host, no namespace) that is not
 * a Docker Hub official image. `name` is the repository without tag or digest, as written.
 */
export function isLocalImageName(name: string): boolean {
  const repository = name.trim().toLowerCase();
  if (!repository || repository.includes('/') || repository.includes('$')) return false;
  return repository !== 'scratch' && !OFFICIAL.has(repository);
}

/**
 * Official distribution images: a bare operating system, whose default command is a shell (`/bin/sh`,
 * `bash`) and whose config sets no WORKDIR (so it is `/`). `name` as `parseImageRef` gives it.
 */
const DISTRIBUTION_IMAGES = new Set([
  'alpine',
  'busybox',
  'debian',
  'ubuntu',
  'fedora',
  'centos',
  'rockylinux',
  'rockylinux/rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'archlinux',
  'opensuse/leap',
  'opensuse/tumbleweed',
  'registry.access.redhat.com/ubi8/ubi',
  'registry.access.redhat.com/ubi9/ubi',
  'registry.access.redhat.com/ubi8/ubi-minimal',
  'registry.access.redhat.com/ubi9/ubi-minimal',
]);

export function isDistributionImage(name: string): boolean {
  return DISTRIBUTION_IMAGES.has(name);
}

/**
 * Microsoft's Windows base images (nanoserver, servercore, server, windows): a bare operating system
 * that sets no WORKDIR, so it is `C:\`. Images built on them (`.../dotnet/sdk:8.0-nanoserver-ltsc2022`)
 * set their own and are not these.
 */
export function isWindowsOsImage(name: string): boolean {
  return /^mcr\.microsoft\.com\/windows(\/(nanoserver|servercore|server))?(\/insider)?$/.test(name);
}
