package org.shopsuite.examplecycle.two;

import org.shopsuite.examplecycle.one.One;

/** The other half of a feature cycle the rules must catch. */
public class Two {
    One one;
}
