package org.shopsuite.examplecrossing.catalog;

import org.springframework.stereotype.Repository;

@Repository
public class CatalogRepository {
}
