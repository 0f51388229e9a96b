/**
 * The demo household (started with {@code --demo}): the Liu family's accounts and their
 * weeks of history on the "Home Wi-Fi", an office network shared by 40 colleagues, and
 * the small read-only API the demo pages use to show who can sign in and which texts a
 * demo phone received. Without the switch nothing here exists and the database stays
 * empty.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.demo;
