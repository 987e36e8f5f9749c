# Independent oracle for the Go engine (run by oracle_test.go).
# Usage: Rscript oracle.R scores.csv prior.csv subject...
# Every output line starts with the subject: "<subject>,<name>,...,<value>".
# Prints, per subject:
#   alpha,<v>              Cronbach's alpha (psych::alpha; blanks = 0, absent rows dropped)
#   rdrop,<item>,<v>       corrected item-total r (psych r.drop)
#   rawr,<item>,<v>        item-total r (psych raw.r), the engine's point_biserial
#   ranef,<county/school>,<v>  school BLUPs of the two-stage model the engine uses:
#                          lmer(e ~ 1 + (1 | school), REML = TRUE), e the residuals of lm(zc ~ zp)
#   tau2,<v> / sigma2,<v>  its variance components
#   full,<county/school>,<v>   school BLUPs of lmer(zc ~ zp + (1 | school), REML = TRUE)
# zc and zp are current and prior subject totals z-standardised with the population SD.
suppressPackageStartupMessages({library(psych); library(lme4)})
args <- commandArgs(trailingOnly = TRUE)
scores <- read.csv(args[1], check.names = FALSE, colClasses = "character", encoding = "UTF-8")
prior <- read.csv(args[2], check.names = FALSE, colClasses = "character", encoding = "UTF-8")
for (subject in args[-(1:2)]) {
out <- function(fmt, ...) cat(subject, ",", sprintf(fmt, ...), sep = "")
d <- scores[scores[["科目"]] == subject & scores[["缺考"]] != "1", ]
itemcols <- grep("^第[0-9]+题$", names(d), value = TRUE)
items <- sapply(itemcols, function(c) { x <- as.numeric(d[[c]]); x[is.na(x)] <- 0; x })
items <- items[, colSums(!is.na(items)) > 0 & apply(items, 2, function(x) any(x != 0)), drop = FALSE]
a <- psych::alpha(as.data.frame(items), check.keys = FALSE, warnings = FALSE)
out("alpha,%.12f\n", a$total$raw_alpha)
for (i in seq_len(ncol(items))) {
  out("rdrop,%s,%.12f\n", colnames(items)[i], a$item.stats$r.drop[i])
  out("rawr,%s,%.12f\n", colnames(items)[i], a$item.stats$raw.r[i])
}
total <- rowSums(items)
p <- prior[prior[["科目"]] == subject, ]
m <- merge(data.frame(id = d[["考号"]], school = paste(d[["县区"]], d[["学校"]], sep = "/"), cur = total),
           data.frame(id = p[["考号"]], pri = as.numeric(p[["成绩"]])), by = "id")
m <- m[!is.na(m$pri), ]
z <- function(x) (x - mean(x)) / sqrt(mean((x - mean(x))^2))
m$zc <- z(m$cur); m$zp <- z(m$pri)
m$e <- residuals(lm(zc ~ zp, data = m))
two <- lmer(e ~ 1 + (1 | school), data = m, REML = TRUE)
re <- ranef(two)$school
for (s in rownames(re)) out("ranef,%s,%.12f\n", s, re[s, 1])
vc <- as.data.frame(VarCorr(two))
out("tau2,%.12f\n", vc$vcov[1])
out("sigma2,%.12f\n", vc$vcov[2])
one <- lmer(zc ~ zp + (1 | school), data = m, REML = TRUE)
re <- ranef(one)$school
for (s in rownames(re)) out("full,%s,%.12f\n", s, re[s, 1])
}
