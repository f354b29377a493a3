package org.shopsuite.examplecrossing.catalog;

import org.springframework.web.bind.annotation.RestController;

/** Uses its own feature's repository: allowed. */
@RestController
public class CatalogController {
    CatalogRepository catalog;
}
