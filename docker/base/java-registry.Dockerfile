# shopsuite-base/java:25 from the registry's Temurin image (docker/base-images.sh, SHOP_BASE_SOURCE=registry).
# eclipse-temurin is Ubuntu-based; the suite's own recipes only use apt-get, which both provide.
FROM eclipse-temurin:25-jdk
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/opt/java/openjdk
RUN java -version
