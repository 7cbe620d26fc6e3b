package org.tao4j.node.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.TestNet;
import org.tao4j.node.rpc.RpcClient;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.GlobalParameter;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * The explorer in a real browser: Debian's chromium driven headless by its packaged chromedriver
 * (Selenium), against an embedded --dev node (instant sealing, real RPC over HTTP and WebSocket) with a
 * subnet, a few neurons and some transfers. Every page is opened; values shown must equal the RPC's;
 * the browser log must hold no errors. Screenshots go to target/explorer-screenshots/.
 * Skipped (with the reason) only where /usr/bin/chromium or /usr/bin/chromedriver is missing:
 * .ci/run installs both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserIT {

    static final long TAO = 1_000_000_000L;
    static final Path CHROMIUM = Path.of(System.getProperty("tao.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("tao.chromedriver", "/usr/bin/chromedriver"));
    static final Path SHOTS = Path.of("target", "explorer-screenshots");

    static Node node;
    static RpcClient rpc;
    static Path profile;
    static ChromeDriverService service;
    static WebDriver driver;
    static String base;
    static int netuid;
    static String transferHash;
    static int charlieUid;
    static long passedId;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium or chromedriver is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): run `apt-get install -y chromium chromium-driver` (.ci/run does)");
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withInstant(true));
        rpc = new RpcClient(node.rpcPort());
        base = "http://127.0.0.1:" + node.rpcPort() + "/";
        // a subnet with a few neurons and stake, and some transfers
        submit("Alice", new Call.RegisterNetwork(TestNet.id("Eve")));
        for (JsonNode s : rpc.result("tao_getSubnets")) {
            if (s.get("ownerHotkey").asText().equals(TestNet.id("Eve").toSs58())) {
                netuid = s.get("netuid").asInt();
            }
        }
        assertThat(netuid).isPositive();
        // the owner names the subnet (chain.md §12); the name is text, never markup, on the page
        submit("Alice", new Call.SetSubnetIdentity(netuid, new Call.Identity(SUBNET_NAME, "", "", "", "", "")));
        submit(
                "Bob",
                new Call.SetIdentity(
                        new Call.Identity("Bob <b>lab</b>", "javascript:alert(1)", "bob/lab", "", "", "")));
        submit("Bob", new Call.BurnedRegister(netuid, TestNet.id("Bob")));
        submit("Charlie", new Call.BurnedRegister(netuid, TestNet.id("Charlie")));
        submit("Bob", new Call.AddStake(TestNet.id("Bob"), 250 * TAO));
        // an epoch gives Bob (the only staked hotkey) a validator permit; his weights on Charlie, then
        // another epoch, give Charlie incentive and Bob dividends for the scatter
        submit("Alice", new Call.Sudo(new Call.SetSubnetParameter(netuid, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0)));
        submit("Alice", new Call.Sudo(new Call.SetSubnetParameter(netuid, Hyperparameter.TEMPO, 2)));
        nextEpoch();
        charlieUid = uidOf("Charlie");
        submit("Bob", new Call.SetWeights(netuid, new int[] {charlieUid}, new int[] {65535}, 0));
        nextEpoch();
        submit("Alice", new Call.Transfer(TestNet.id("Dave"), 12 * TAO));
        submit("Ferdie", new Call.Transfer(TestNet.id("Bob"), 3 * TAO));
        transferHash = submit("Charlie", new Call.Transfer(TestNet.id("Dave"), 5 * TAO));
        // governance: a two-member senate (Eve, Ferdie on root), one proposal passed, one open
        submit("Alice", new Call.RootRegister(TestNet.id("Eve")));
        submit("Alice", new Call.AddStake(TestNet.id("Eve"), 100 * TAO));
        submit("Dave", new Call.RootRegister(TestNet.id("Ferdie")));
        submit("Dave", new Call.AddStake(TestNet.id("Ferdie"), 100 * TAO));
        submit("Eve", new Call.Propose(new Call.SetGlobalParameter(GlobalParameter.BASE_FEE, 120_000)));
        passedId =
                rpc.result("tao_getProposals").get("proposals").get(0).get("id").asLong();
        submit("Ferdie", new Call.Vote(passedId, true));
        submit("Eve", new Call.Propose(new Call.SetGlobalParameter(GlobalParameter.BASE_FEE, 150_000)));

        profile = Files.createTempDirectory("tao-explorer-chromium");
        Files.createDirectories(SHOTS);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(System.err)
                .build();
        driver = new ChromeDriver(service, o);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (node != null) {
            node.close();
        }
        if (profile != null) {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Signs {@code call} as {@code who}, submits it, waits until applied; returns its hash. */
    static String submit(String who, Call call) throws Exception {
        String address = TestNet.id(who).toSs58();
        long nonce = rpc.result("system_accountNextIndex", address).asLong();
        Extrinsic x = Extrinsic.sign(
                TestNet.key(who),
                nonce,
                0,
                1_000_000,
                call,
                node.chain().runtime().genesisHash());
        String hash =
                rpc.result("author_submitExtrinsic", Hex.toHex(x.encode())).asText();
        for (int i = 0; i < 1_200; i++) {
            if (rpc.result("tao_getBalance", address).get("nonce").asLong() > nonce) {
                return hash;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(call + " by " + who + " was not applied");
    }

    /** Makes blocks (small transfers, the node seals on demand) until the subnet's epoch has run once more. */
    static void nextEpoch() throws Exception {
        long last = lastEpoch();
        for (int i = 0; i < 100 && lastEpoch() <= last; i++) {
            submit("Ferdie", new Call.Transfer(TestNet.id("Alice"), TAO));
        }
        assertThat(lastEpoch()).as("the subnet's epoch ran").isGreaterThan(last);
    }

    static long lastEpoch() throws Exception {
        for (JsonNode s : rpc.result("tao_getSubnets")) {
            if (s.get("netuid").asInt() == netuid) {
                return s.get("lastEpochBlock").asLong();
            }
        }
        throw new AssertionError("no subnet " + netuid);
    }

    static int uidOf(String name) throws Exception {
        JsonNode hotkeys = rpc.result("tao_getMetagraph", netuid, "hotkeys").get("hotkeys");
        for (int uid = 0; uid < hotkeys.size(); uid++) {
            if (hotkeys.get(uid).asText().equals(TestNet.id(name).toSs58())) {
                return uid;
            }
        }
        throw new AssertionError(name + " is not registered on subnet " + netuid);
    }

    /** τ with 9 decimals and thousands separators, as the explorer (and btcli) print rao. */
    static String tau(long rao) {
        BigInteger[] qr = BigInteger.valueOf(rao).divideAndRemainder(BigInteger.valueOf(TAO));
        return "τ" + String.format(Locale.ROOT, "%,d", qr[0]) + "." + String.format(Locale.ROOT, "%09d", qr[1]);
    }

    static WebDriverWait waiting() {
        // a live update re-renders parts of the page: an element found a moment ago may be gone, so look again
        WebDriverWait w = new WebDriverWait(driver, Duration.ofSeconds(60));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    static WebElement await(String css) {
        return waiting().until(d -> {
            List<WebElement> e = d.findElements(By.cssSelector(css));
            return e.isEmpty() || !e.get(0).isDisplayed() ? null : e.get(0);
        });
    }

    static void awaitText(String css, String text) {
        waiting().until(d -> {
            List<WebElement> e = d.findElements(By.cssSelector(css));
            return !e.isEmpty() && e.get(0).getText().equals(text);
        });
    }

    static void open(String hash) {
        driver.get(base + hash);
    }

    static void search(String q) {
        WebElement box = driver.findElement(By.id("q"));
        box.clear();
        box.sendKeys(q);
        driver.findElement(By.cssSelector("#search button")).click();
    }

    static void shot(String name) throws IOException {
        Path f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(f, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** No errors in the browser's console since the last call, and no error box on the page. */
    static void noErrors(String page) {
        List<String> severe = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(e.getMessage());
            }
        }
        assertThat(severe).as("console errors on " + page).isEmpty();
        assertThat(driver.findElements(By.id("error")))
                .as("error box on " + page)
                .isEmpty();
    }

    static long head() throws Exception {
        return rpc.result("chain_getHeader").get("number").asLong();
    }

    @Test
    @Order(1)
    void overviewShowsTheHeadAndUpdatesLiveWithoutAReload() throws Exception {
        long t0 = System.nanoTime();
        open("#/");
        awaitText("#head-number", "#" + head());
        long firstRender = (System.nanoTime() - t0) / 1_000_000;
        await("#issuance-chart .now");
        assertThat(driver.findElement(By.id("total-issuance")).getText())
                .isEqualTo(tau(rpc.result("tao_getSupply").get("totalIssuance").asLong()));
        assertThat(driver.findElements(By.cssSelector("#latest-transfers tbody tr")))
                .isNotEmpty();
        awaitText("#live", "● live #" + head());
        noErrors("overview");
        shot("overview");
        System.out.printf(
                "explorer overview: first render with the head in %d ms (navigation to #head-number)%n", firstRender);

        ((JavascriptExecutor) driver).executeScript("window.__noReload = 42;");
        submit("Dave", new Call.Transfer(TestNet.id("Eve"), TAO));
        long h = head();
        awaitText("#head-number", "#" + h);
        awaitText("#latest-blocks tbody tr:first-child td:first-child", "#" + h);
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__noReload;"))
                .isEqualTo(42L);
        assertThat(driver.findElement(By.id("total-issuance")).getText())
                .isEqualTo(tau(rpc.result("tao_getSupply").get("totalIssuance").asLong()));
        noErrors("overview after a new block");
    }

    @Test
    @Order(2)
    void blocksListAndSearchByNumberOpensTheBlockPage() throws Exception {
        open("#/blocks");
        long h = head();
        awaitText("#blocks tbody tr:first-child td:first-child", "#" + h);
        assertThat(driver.findElements(By.cssSelector("#blocks tbody tr"))).hasSize((int) Math.min(25, h + 1));
        noErrors("blocks");
        shot("blocks");

        JsonNode found = rpc.result("tao_findExtrinsic", transferHash);
        long n = found.get("blockNumber").asLong();
        search(Long.toString(n));
        awaitText("#block-number", "#" + n);
        WebElement row = await("#extrinsics tbody tr#x" + found.get("index").asInt());
        assertThat(row.getText()).contains("Transfer").contains("✓ success").contains("τ5.000000000");
        WebElement copy = row.findElement(By.cssSelector("button.copy"));
        assertThat(copy.getAttribute("data-copy")).isEqualTo(transferHash);
        copy.click(); // the button confirms a copy that worked (Clipboard API, else execCommand)
        waiting().until(d -> copy.getAttribute("class").contains("done"));
        assertThat(driver.findElements(By.cssSelector("#events tbody tr"))).isNotEmpty();
        noErrors("block");
        shot("block");

        String blockHash = found.get("block").asText();
        search(blockHash);
        awaitText("#block-number", "#" + n);
        noErrors("block by hash");
    }

    @Test
    @Order(3)
    void searchFindsAnExtrinsicByHash() throws Exception {
        search(transferHash);
        JsonNode found = rpc.result("tao_findExtrinsic", transferHash);
        awaitText("#extrinsic-block", "#" + found.get("blockNumber").asLong());
        assertThat(driver.findElement(By.id("extrinsic")).getText())
                .contains("Transfer")
                .contains("✓ success");
        noErrors("extrinsic");
        shot("extrinsic");
    }

    @Test
    @Order(4)
    void searchFindsAnAccountWithItsBalanceStakeAndRegistrations() throws Exception {
        String dave = TestNet.id("Dave").toSs58();
        search(dave);
        awaitText(
                "#account-free",
                tau(rpc.result("tao_getBalance", dave).get("free").asLong()));
        noErrors("account");
        shot("account");

        String bob = TestNet.id("Bob").toSs58();
        open("#/account/" + bob);
        awaitText(
                "#account-free",
                tau(rpc.result("tao_getBalance", bob).get("free").asLong()));
        // 250 TAO staked, plus the dividends the epochs paid to it
        long staked = rpc.result("tao_getStakeForColdkey", bob)
                .get("stakes")
                .get(0)
                .get("amount")
                .asLong();
        assertThat(staked).isGreaterThan(250 * TAO);
        assertThat(driver.findElement(By.id("stakes")).getText())
                .contains(tau(staked))
                .contains(netuid + "/" + uidOf("Bob"));
        assertThat(driver.findElement(By.id("registrations")).getText()).contains(Integer.toString(netuid));
        // the coldkey's identity (chain.md §12): its name as the title, its fields as text, no markup or links
        assertThat(driver.findElement(By.id("account-name")).getText()).isEqualTo("Bob <b>lab</b>");
        assertThat(driver.findElement(By.id("account-identity")).getText())
                .contains("bob/lab")
                .contains("javascript:alert(1)");
        assertThat(driver.findElements(By.cssSelector("#account-identity a, #account-name b")))
                .isEmpty();
        noErrors("account with stake");
        shot("account-staker");
    }

    static final String SUBNET_NAME = "Prompting <img src=x onerror=alert(1)>";

    @Test
    @Order(5)
    void subnetsAndASubnetWithItsMetagraphAndScatter() throws Exception {
        open("#/subnets");
        await("#subnets tbody tr");
        assertThat(driver.findElements(By.cssSelector("#subnets tbody tr")))
                .hasSize(rpc.result("tao_getSubnets").size());
        assertThat(driver.findElement(By.id("lock-cost")).getText())
                .isEqualTo(tau(rpc.result("tao_getLockCost").get("lockCost").asLong()));
        // the subnet identity's name, as text (escaped), in the table and the subnet page's title
        assertThat(driver.findElement(By.cssSelector("#subnets a[href='#/subnet/" + netuid + "']"))
                        .findElement(By.xpath("../../td[2]"))
                        .getText())
                .isEqualTo(SUBNET_NAME);
        assertThat(driver.findElements(By.cssSelector("#subnets img"))).isEmpty();
        noErrors("subnets");
        shot("subnets");

        long t0 = System.nanoTime();
        driver.findElement(By.cssSelector("#subnets a[href='#/subnet/" + netuid + "']"))
                .click();
        JsonNode g = rpc.result("tao_getMetagraph", netuid, "hotkeys,stake,incentive");
        int n = g.get("n").asInt();
        assertThat(n).isGreaterThanOrEqualTo(3);
        waiting()
                .until(d ->
                        d.findElements(By.cssSelector("#metagraph tbody tr")).size() == n);
        long drawn = (System.nanoTime() - t0) / 1_000_000;
        assertThat(driver.findElement(By.id("subnet-n")).getText()).startsWith(n + " / ");
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).startsWith(SUBNET_NAME);
        assertThat(driver.findElements(By.cssSelector("#scatter circle.pt"))).hasSize(n);
        // Charlie's incentive, which Bob's weights gave him, as the RPC has it
        int incentive = g.get("incentive").get(charlieUid).asInt();
        assertThat(incentive).isPositive();
        WebElement charlie = driver.findElement(By.cssSelector("#metagraph tbody tr[data-uid='" + charlieUid + "']"));
        assertThat(charlie.findElements(By.tagName("td")).get(4).getText())
                .isEqualTo(String.format(Locale.ROOT, "%.4f", incentive / 65535.0));
        // sort by stake, largest first: Bob's 250 TAO on top
        driver.findElement(By.cssSelector("#metagraph th[data-key='stake']")).click();
        int bobUid = -1;
        for (int uid = 0; uid < n; uid++) {
            if (g.get("hotkeys").get(uid).asText().equals(TestNet.id("Bob").toSs58())) {
                bobUid = uid;
            }
        }
        String top = Integer.toString(bobUid);
        waiting()
                .until(d -> top.equals(d.findElement(By.cssSelector("#metagraph tbody tr:first-child"))
                        .getAttribute("data-uid")));
        noErrors("subnet");
        shot("subnet");
        System.out.printf("explorer subnet page: metagraph of %d neurons drawn %d ms after the click%n", n, drawn);
    }

    @Test
    @Order(6)
    void unknownHashesAndAddressesShowNotFound() throws Exception {
        search("0x" + "ee".repeat(32));
        await("#not-found");
        assertThat(driver.findElement(By.id("not-found")).getText())
                .contains("Not found")
                .contains("No extrinsic");
        noErrors("unknown hash");
        shot("not-found");

        String nobody =
                org.tao4j.core.account.AccountId.fromHex("0x" + "42".repeat(32)).toSs58();
        search(nobody);
        await("#not-found");
        assertThat(driver.findElement(By.id("not-found")).getText()).contains("No account");
        String alice = TestNet.id("Alice").toSs58(); // the same address with its checksum broken
        search(alice.substring(0, alice.length() - 1) + (alice.endsWith("X") ? "Y" : "X"));
        waiting().until(d -> d.findElement(By.id("not-found")).getText().contains("not a valid SS58 address"));
        open("#/block/999999");
        waiting().until(d -> d.findElement(By.id("not-found")).getText().contains("No block #999999"));
        open("#/nowhere");
        waiting().until(d -> d.findElement(By.id("not-found")).getText().contains("no page"));
        search("hello world");
        waiting().until(d -> d.findElement(By.id("not-found")).getText().contains("Nothing matches"));
        // markup in what the user typed is shown as text, never run or parsed
        search("<img src=x id=injected onerror=alert(1)>");
        waiting().until(d -> d.findElement(By.id("not-found")).getText().contains("<img src=x id=injected"));
        assertThat(driver.findElements(By.id("injected"))).isEmpty();
        noErrors("not found pages");
    }

    @Test
    @Order(7)
    void worksInANarrowWindow() throws Exception {
        driver.manage().window().setSize(new Dimension(400, 900));
        try {
            for (String page : List.of(
                    "#/",
                    "#/blocks",
                    "#/subnet/" + netuid,
                    "#/account/" + TestNet.id("Bob").toSs58(),
                    "#/validators",
                    "#/governance",
                    "#/network")) {
                open(page);
                await("main h1");
                Thread.sleep(300); // let the data arrive; the check below is about layout, not timing
                Object overflow = ((JavascriptExecutor) driver)
                        .executeScript(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).intValue())
                        .as("page-wide horizontal overflow on " + page)
                        .isLessThanOrEqualTo(1);
            }
            open("#/");
            awaitText("#head-number", "#" + head());
            noErrors("narrow");
            shot("overview-narrow");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    /** The history entry's change as the page prints it: +τ… / -τ…, empty for 0. */
    static String signedTau(long rao) {
        return rao == 0 ? "" : (rao > 0 ? "+" : "-") + tau(Math.abs(rao));
    }

    @Test
    @Order(8)
    void accountHistoryListsTheIndexsEntriesAndPagesOn() throws Exception {
        String dave = TestNet.id("Dave").toSs58();
        open("#/account/" + dave);
        await("#history tbody tr");
        JsonNode h = rpc.result("tao_getAccountHistory", dave, null, 50);
        JsonNode first = h.get("entries").get(0);
        WebElement row = driver.findElement(By.cssSelector("#history tbody tr:first-child"));
        assertThat(row.findElement(By.cssSelector("td.free")).getText())
                .isEqualTo(signedTau(first.get("free").asLong()));
        assertThat(row.getText()).contains(first.get("kind").asText().replace('_', ' '));
        assertThat(row.findElement(By.tagName("a")).getAttribute("href"))
                .contains("#/block/" + first.get("block").asLong());
        noErrors("account history");
        shot("account-history");

        // Alice has more entries than one page: "Older entries" appends the next page without a reload
        String alice = TestNet.id("Alice").toSs58();
        JsonNode all = rpc.result("tao_getAccountHistory", alice, null, 100);
        open("#/account/" + alice);
        await("#history tbody tr");
        int shown = driver.findElements(By.cssSelector("#history tbody tr")).size();
        if (!all.get("next").isNull() || all.get("entries").size() > shown) {
            driver.findElement(By.id("history-more")).click();
            waiting()
                    .until(d ->
                            d.findElements(By.cssSelector("#history tbody tr")).size() > shown);
        }
        noErrors("account history, older entries");
    }

    @Test
    @Order(9)
    void validatorsAndDelegatesShowTheRpcsStakeTakeAndNominators() throws Exception {
        open("#/validators");
        String bob = TestNet.id("Bob").toSs58();
        WebElement row = await("#delegates tr[data-hotkey='" + bob + "']");
        JsonNode d = null;
        for (JsonNode x : rpc.result("tao_getDelegates")) {
            if (x.get("hotkey").asText().equals(bob)) {
                d = x;
            }
        }
        assertThat(d).isNotNull();
        assertThat(row.getText()).contains(tau(d.get("totalStake").asLong()));
        assertThat(row.findElement(By.cssSelector("td.nominators")).getText())
                .isEqualTo(Integer.toString(d.get("nominators").size()));
        assertThat(row.findElement(By.cssSelector("td.per1000")).getText()).startsWith("τ");
        noErrors("validators");
        shot("validators");
    }

    @Test
    @Order(10)
    void governanceShowsTheSenateOpenProposalsWithTheirVotesAndWhatPassed() throws Exception {
        open("#/governance");
        JsonNode gov = rpc.result("tao_getProposals");
        JsonNode open = gov.get("proposals").get(0);
        WebElement row = await("#proposals tr[data-id='" + open.get("id").asLong() + "']");
        assertThat(row.findElement(By.cssSelector("td.ayes")).getText())
                .isEqualTo(
                        open.get("ayes").size() + " / " + gov.get("ayesNeeded").asInt());
        assertThat(row.findElement(By.cssSelector("td.nays")).getText())
                .isEqualTo(Integer.toString(open.get("nays").size()));
        assertThat(driver.findElements(By.cssSelector("#senate tbody tr")))
                .hasSize(gov.get("senate").size());
        WebElement passed = await("#decided tr[data-id='" + passedId + "']");
        assertThat(passed.getText())
                .contains("passed, executed")
                .contains(TestNet.id("Eve").toSs58().substring(0, 6));
        noErrors("governance");
        shot("governance");
        // Ferdie's aye passes the open one: the page moves it to "Decided" without a reload
        ((JavascriptExecutor) driver).executeScript("window.__noReload = 7;");
        submit("Ferdie", new Call.Vote(open.get("id").asLong(), true));
        await("#decided tr[data-id='" + open.get("id").asLong() + "']");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__noReload;"))
                .isEqualTo(7L);
        assertThat(rpc.result("tao_getParams").get("baseFee").asLong()).isEqualTo(150_000);
        noErrors("governance after a vote");
    }

    @Test
    @Order(11)
    void networkPageShowsConsensusOrSaysThereIsNoPeerNetwork() throws Exception {
        open("#/network");
        await("#health");
        JsonNode r = rpc.call("tao_consensusStatus");
        if (r.has("error") && r.at("/error/code").asInt() == RpcErrors.METHOD_NOT_FOUND) {
            assertThat(await("#no-network").getText()).contains("This node has no peer network");
        } else {
            await("#consensus");
        }
        assertThat(driver.findElement(By.id("peer-count")).getText())
                .isEqualTo(rpc.result("system_health").get("peers").asText());
        noErrors("network");
        shot("network");
    }

    @Test
    @Order(12)
    void subnetPageDrawsTheWeightMatrixAndAValidatorsBonds() throws Exception {
        open("#/subnet/" + netuid);
        await("#metagraph tbody tr");
        JsonNode g = rpc.result("tao_getMetagraph", netuid, "hotkeys,weights,bonds");
        int bobUid = uidOf("Bob");
        int cells = 0;
        for (JsonNode row : g.get("weights")) {
            cells += row.size();
        }
        assertThat(driver.findElements(By.cssSelector("#heatmap rect.w"))).hasSize(cells);
        assertThat(driver.findElements(
                        By.cssSelector("#heatmap rect.w[data-from='" + bobUid + "'][data-to='" + charlieUid + "']")))
                .hasSize(1);
        JsonNode bonds = g.get("bonds").get(bobUid);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("bonds-uid")))
                .selectByValue(Integer.toString(bobUid));
        if (bonds.isEmpty()) {
            await("#no-bonds");
        } else {
            waiting()
                    .until(d -> d.findElements(By.cssSelector("#bonds-chart rect.bar"))
                                    .size()
                            == bonds.size());
        }
        noErrors("subnet extras");
        shot("subnet-weights");
    }

    /**
     * A 256-neuron subnet (the default size limit): the page's data arrives in one request, and the
     * page marks when it first rendered and when the metagraph table was fully drawn
     * ({@code performance.mark}, milliseconds since the navigation started). Printed, not asserted.
     */
    @Test
    @Order(13)
    void a256NeuronMetagraphRendersAndItsTimesAreMeasured() throws Exception {
        int before = rpc.result("tao_getSubnets").size();
        AccountId owner = AccountId.of(
                Ed25519.KeyPair.fromSeed(Blake2b.hash256("tao4j-explorer-big-owner".getBytes(StandardCharsets.UTF_8)))
                        .publicKey());
        submit("Alice", new Call.RegisterNetwork(owner));
        int big = -1;
        for (JsonNode s : rpc.result("tao_getSubnets")) {
            if (s.get("ownerHotkey").asText().equals(owner.toSs58())) {
                big = s.get("netuid").asInt();
            }
        }
        assertThat(big).as("a subnet after %d", before).isPositive();
        submit("Alice", new Call.SetHyperparameter(big, Hyperparameter.MIN_BURN, 1));
        submit("Alice", new Call.SetHyperparameter(big, Hyperparameter.MAX_BURN, TAO / 1000));
        long t0 = System.nanoTime();
        for (int i = 1; i < 256; i++) { // uid 0 is the owner's hotkey; one registration a block
            AccountId hk = AccountId.of(Ed25519.KeyPair.fromSeed(
                            Blake2b.hash256(("tao4j-explorer-big//" + i).getBytes(StandardCharsets.UTF_8)))
                    .publicKey());
            submit("Alice", new Call.BurnedRegister(big, hk));
        }
        System.out.printf("explorer 256-neuron subnet: registered in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(rpc.result("tao_getMetagraph", big, "hotkeys").get("n").asInt())
                .isEqualTo(256);
        List<Long> rendered = new ArrayList<>(), drawn = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            driver.get("about:blank");
            driver.get(base + "#/subnet/" + big);
            waiting()
                    .until(d -> d.findElements(By.cssSelector("#metagraph tbody tr"))
                                    .size()
                            == 256);
            JavascriptExecutor js = (JavascriptExecutor) driver;
            rendered.add(((Number) js.executeScript(
                            "return performance.getEntriesByName('tao:subnet-rendered')[0].startTime;"))
                    .longValue());
            drawn.add(
                    ((Number) js.executeScript("return performance.getEntriesByName('tao:subnet-drawn')[0].startTime;"))
                            .longValue());
        }
        assertThat(driver.findElements(By.cssSelector("#scatter circle.pt"))).hasSize(256);
        noErrors("256-neuron subnet");
        shot("subnet-256");
        java.util.Collections.sort(rendered);
        java.util.Collections.sort(drawn);
        System.out.printf(
                "explorer 256-neuron metagraph page (fresh load, 3 runs): first render %s ms, fully drawn %s ms after navigation start (median %d / %d)%n",
                rendered, drawn, rendered.get(1), drawn.get(1));
    }

    @Test
    @Order(14)
    void simulatorPageRunsADroppedScenarioThroughTaoSimulateYuma() throws Exception {
        Path file = profile.resolve("scenario.json");
        Files.writeString(file, """
                {"name": "t", "subnet": {"n": 3, "tempo": 1, "activity_cutoff": 100, "max_allowed_validators": 3},
                 "neurons": [{"stake": 100, "registered_at": 0, "last_update": 0},
                             {"stake": 0, "registered_at": 0, "last_update": 0},
                             {"stake": 0, "registered_at": 0, "last_update": 0}],
                 "steps": [{"epoch": {"block": 1}},
                           {"set_weights": {"uid": 0, "block": 2, "dests": [1, 2], "values": [1, 3]}},
                           {"epoch": {"block": 3}}]}
                """);
        JsonNode r = rpc.result("tao_simulateYuma", RpcClient.JSON.readTree(Files.readString(file)));
        open("#/simulate");
        await("#scenario-file").sendKeys(file.toAbsolutePath().toString());
        awaitText("#sim-summary", "scenario.json: " + r.get("epochs").size() + " epochs, 3 neurons.");
        assertThat(driver.findElements(By.cssSelector("#sim-incentive path.line")))
                .hasSize(3);
        assertThat(driver.findElements(By.cssSelector("#sim-dividends path.line")))
                .hasSize(3);
        // uid 0 bonds with miners 1 and 2
        assertThat(driver.findElements(By.cssSelector("#sim-bonds path.line"))).hasSize(2);
        noErrors("simulator");
        shot("simulator");
        Path bad = profile.resolve("bad.json");
        Files.writeString(bad, "{\"subnet\": {\"n\": 300}}");
        driver.findElement(By.id("scenario-file")).sendKeys(bad.toAbsolutePath().toString());
        waiting().until(d -> d.findElement(By.id("sim-error")).getText().contains("at most 256"));
    }

    @Test
    @Order(20)
    void noExplorerLeavesTheRootToJsonRpc() throws Exception {
        try (Node plain = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withInstant(true)
                .withExplorer(false))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.rpcPort() + "/"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.body()).contains("send JSON-RPC with POST");
            HttpResponse<String> js = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.rpcPort() + "/explorer/app.js"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(js.statusCode()).isEqualTo(405);
            assertThat(new RpcClient(plain.rpcPort()).result("system_chain").asText())
                    .isEqualTo("Development");
        }
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(base)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("tao4j explorer");
    }
}
