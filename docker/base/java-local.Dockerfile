# shopsuite-base/java:25 from this machine's JDK (docker/base-images.sh, SHOP_BASE_SOURCE=local).
# Build context: the JDK as jdk/ (a tar stream, see the script). curl is for the images' health checks.
FROM shopsuite-base/debian:bookworm
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY jdk /opt/java
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN java -version
