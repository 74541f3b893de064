#!/bin/bash
# s3proxy's properties from the environment, as the published image's entry point writes them.
set -eu
properties=/tmp/s3proxy.properties
{
  echo "s3proxy.endpoint=${S3PROXY_ENDPOINT:-http://0.0.0.0:80}"
  echo "s3proxy.authorization=${S3PROXY_AUTHORIZATION:-aws-v2-or-v4}"
  echo "s3proxy.identity=${S3PROXY_IDENTITY:-local-identity}"
  echo "s3proxy.credential=${S3PROXY_CREDENTIAL:-local-credential}"
  echo "jclouds.provider=${JCLOUDS_PROVIDER:-filesystem}"
  echo "jclouds.filesystem.basedir=${JCLOUDS_FILESYSTEM_BASEDIR:-/data}"
} > "$properties"
mkdir -p "${JCLOUDS_FILESYSTEM_BASEDIR:-/data}"
exec java -Xmx256m -jar /opt/s3proxy/s3proxy.jar --properties "$properties"
